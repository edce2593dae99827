using System.Text;

namespace Harness.Models.Tokenization.PreTokenizers;

/// <summary>Splits on whitespace (dropped), then isolates every punctuation character; tokenizer.json type <c>BertPreTokenizer</c>.</summary>
internal sealed class BertPreTokenizer : PreTokenizer
{
    private readonly CharacterClassPattern whitespace = new(c => Rune.IsWhiteSpace(new Rune(c)));
    private readonly CharacterClassPattern punctuation = new(PunctuationCharacters.IsPunctuation);

    /// <inheritdoc />
    public override void PreTokenize(NormalizedString input, List<NormalizedString> output)
    {
        var words = new List<NormalizedString>();
        input.Split(whitespace, SplitDelimiterBehavior.Removed, invert: false, words);
        foreach (var word in words) word.Split(punctuation, SplitDelimiterBehavior.Isolated, invert: false, output);
    }
}
