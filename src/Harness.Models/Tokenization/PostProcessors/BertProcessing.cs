namespace Harness.Models.Tokenization.PostProcessors;

/// <summary>BERT's "[CLS] $A [SEP]"; tokenizer.json type <c>BertProcessing</c>.</summary>
internal sealed class BertProcessing(Token cls, Token sep) : PostProcessor
{
    /// <summary>The token put first (offsets 0..0).</summary>
    public Token Cls { get; } = cls;

    /// <summary>The token put last (offsets 0..0).</summary>
    public Token Sep { get; } = sep;

    /// <inheritdoc />
    public override Encoding Process(Encoding encoding, bool addSpecialTokens)
        => addSpecialTokens ? Surround(encoding, Cls, Sep) : encoding;

    /// <summary>first + tokens + last, the added two with mask 1 and type id 0.</summary>
    internal static Encoding Surround(Encoding encoding, Token first, Token last)
    {
        var tokens = new List<Token>(encoding.Count + 2) { first with { Offsets = 0..0 } };
        tokens.AddRange(encoding.Tokens);
        tokens.Add(last with { Offsets = 0..0 });
        var mask = new List<int>(encoding.Count + 2) { 1 };
        mask.AddRange(encoding.SpecialTokensMask);
        mask.Add(1);
        var typeIds = new List<int>(encoding.Count + 2) { 0 };
        typeIds.AddRange(encoding.TypeIds);
        typeIds.Add(0);
        return new Encoding(encoding.Text, tokens, mask, typeIds);
    }
}
