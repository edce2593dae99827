using System.Globalization;

namespace Harness.Models.Tokenization.PreTokenizers;

/// <summary>Separates numeric characters, one by one or in runs; tokenizer.json type <c>Digits</c>.</summary>
internal sealed class DigitsPreTokenizer(bool individualDigits) : PreTokenizer
{
    private readonly CharacterClassPattern numeric = new(c => CharUnicodeInfo.GetUnicodeCategory(c)
        is UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber);

    /// <summary>Whether every digit is its own piece (else runs of digits are kept together).</summary>
    public bool IndividualDigits { get; } = individualDigits;

    /// <inheritdoc />
    public override void PreTokenize(NormalizedString input, List<NormalizedString> output)
        => input.Split(numeric, IndividualDigits ? SplitDelimiterBehavior.Isolated : SplitDelimiterBehavior.Contiguous, invert: false, output);
}
