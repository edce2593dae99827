namespace Harness.Models.Tokenization.PreTokenizers;

/// <summary>Applies pre-tokenizers one after the other, each to every piece; tokenizer.json type <c>Sequence</c>.</summary>
internal sealed class SequencePreTokenizer(IReadOnlyList<PreTokenizer> preTokenizers) : PreTokenizer
{
    /// <summary>The pre-tokenizers, in order.</summary>
    public IReadOnlyList<PreTokenizer> PreTokenizers { get; } = preTokenizers ?? throw new ArgumentNullException(nameof(preTokenizers));

    /// <inheritdoc />
    public override void PreTokenize(NormalizedString input, List<NormalizedString> output)
    {
        var current = new List<NormalizedString> { input };
        var next = new List<NormalizedString>();
        foreach (var preTokenizer in PreTokenizers)
        {
            next.Clear();
            foreach (var piece in current) preTokenizer.PreTokenize(piece, next);
            (current, next) = (next, current);
        }
        foreach (var piece in current)
            if (piece.Length > 0) output.Add(piece);
    }
}
