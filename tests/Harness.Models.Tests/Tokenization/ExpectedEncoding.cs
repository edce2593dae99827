namespace Harness.Models.Tests.Tokenization;

/// <summary>The reference encoding of one text for one add_special_tokens value (expected.json).</summary>
public sealed record ExpectedEncoding(int[] Ids, string[] Tokens, (int Start, int End)[] OffsetsUtf16, int[] SpecialTokensMask);
