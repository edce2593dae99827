namespace Harness.Models.Tests.Tokenization;

/// <summary>
/// One case of a tokenizer fixture's expected.json, or, when <see cref="Problem"/> is set, the
/// reason the fixture could not be read (the test then fails with it).
/// </summary>
public sealed record TokenizerCase(
    string TokenizerName,
    string Id,
    string Category,
    string Text,
    ExpectedEncoding? WithoutSpecialTokens,
    ExpectedEncoding? WithSpecialTokens,
    ExpectedDecodes? Decodes,
    string? Problem = null)
{
    /// <summary>A stand-in case that reports why the fixture is unusable.</summary>
    public static TokenizerCase Unusable(string tokenizerName, string problem)
        => new(tokenizerName, "fixture", "unusable", "", null, null, null, problem);

    /// <summary>Short display text for test names.</summary>
    public override string ToString() => $"{TokenizerName}/{Id} {Category}";
}
