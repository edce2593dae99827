namespace Harness.Models.Tests.Tokenization;

/// <summary>The reference decodes of a case: both id lists, with and without skipping special tokens.</summary>
public sealed record ExpectedDecodes(
    string NoSpecialIdsKeepSpecial,
    string NoSpecialIdsSkipSpecial,
    string WithSpecialIdsKeepSpecial,
    string WithSpecialIdsSkipSpecial);
