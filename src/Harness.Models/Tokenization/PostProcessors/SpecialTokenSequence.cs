namespace Harness.Models.Tokenization.PostProcessors;

/// <summary>A named special token of a template and the ids/strings it expands to (tokenizer.json <c>special_tokens</c> entry).</summary>
internal sealed record SpecialTokenSequence(string Name, IReadOnlyList<int> Ids, IReadOnlyList<string> Tokens);
