namespace Harness.Models.Tokenization.PostProcessors;

/// <summary>
/// Surrounds the sequence with special tokens following a template such as
/// "&lt;s&gt; $A"; tokenizer.json type <c>TemplateProcessing</c> (single-sequence template used).
/// </summary>
internal sealed class TemplateProcessing : PostProcessor
{
    /// <summary>Builds the processor; every special token the template names must be in <paramref name="specialTokens"/>.</summary>
    public TemplateProcessing(IReadOnlyList<TemplatePiece> single, IReadOnlyDictionary<string, SpecialTokenSequence> specialTokens)
    {
        Single = single ?? throw new ArgumentNullException(nameof(single));
        SpecialTokens = specialTokens ?? throw new ArgumentNullException(nameof(specialTokens));
        foreach (var piece in single)
        {
            if (piece.SpecialTokenName is { } name && !specialTokens.ContainsKey(name))
                throw new ArgumentException($"The template names the special token '{name}', which special_tokens does not define.", nameof(specialTokens));
            if (piece.SpecialTokenName is null && piece.SequenceId is not ("A" or "B"))
                throw new ArgumentException($"Template sequence '{piece.SequenceId}' must be A or B.", nameof(single));
        }
    }

    /// <summary>The single-sequence template.</summary>
    public IReadOnlyList<TemplatePiece> Single { get; }

    /// <summary>The special tokens by name.</summary>
    public IReadOnlyDictionary<string, SpecialTokenSequence> SpecialTokens { get; }

    /// <inheritdoc />
    public override Encoding Process(Encoding encoding, bool addSpecialTokens)
    {
        if (!addSpecialTokens) return encoding;
        var tokens = new List<Token>(encoding.Count + 4);
        var mask = new List<int>(encoding.Count + 4);
        var typeIds = new List<int>(encoding.Count + 4);
        foreach (var piece in Single)
        {
            if (piece.SpecialTokenName is { } name)
            {
                var special = SpecialTokens[name];
                for (int i = 0; i < special.Ids.Count; i++)
                {
                    tokens.Add(new Token(special.Ids[i], special.Tokens[i], 0..0));
                    mask.Add(1);
                    typeIds.Add(piece.TypeId);
                }
            }
            else if (piece.SequenceId == "A")
            {
                tokens.AddRange(encoding.Tokens);
                mask.AddRange(encoding.SpecialTokensMask);
                for (int i = 0; i < encoding.Count; i++) typeIds.Add(piece.TypeId);
            }
        }
        return new Encoding(encoding.Text, tokens, mask, typeIds);
    }
}
