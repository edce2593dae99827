using System.Globalization;

namespace Harness.Models.Tokenization.Normalizers;

/// <summary>
/// Removes combining marks (general category M: Mn, Mc, Me), usually after NFD; tokenizer.json type
/// <c>StripAccents</c>.
/// </summary>
internal sealed class StripAccentsNormalizer : Normalizer
{
    /// <inheritdoc />
    public override NormalizedString Normalize(NormalizedString input) => input.Filter(c => !IsMark(c));

    private static bool IsMark(int codePoint) => CharUnicodeInfo.GetUnicodeCategory(codePoint)
        is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;
}
