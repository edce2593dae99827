namespace Harness.Attribution.Core;

/// <summary>The context as text: the string and, per context token, the span of it that the token
/// covers (UTF-16 indices into <see cref="Text"/>; an empty span for tokens without text such as
/// BOS). Methods that re-tokenize the context with another tokenizer map through these spans
/// (ReAGent's masked-LM replacer).</summary>
public sealed record ContextText(string Text, IReadOnlyList<Range> Offsets);
