using System.Text;

namespace Harness.Models.Tokenization.PreTokenizers;

/// <summary>Splits on whitespace, which is dropped; tokenizer.json type <c>WhitespaceSplit</c>.</summary>
internal sealed class WhitespaceSplitPreTokenizer : PreTokenizer
{
    private readonly CharacterClassPattern whitespace = new(c => Rune.IsWhiteSpace(new Rune(c)));

    /// <inheritdoc />
    public override void PreTokenize(NormalizedString input, List<NormalizedString> output)
        => input.Split(whitespace, SplitDelimiterBehavior.Removed, invert: false, output);
}
