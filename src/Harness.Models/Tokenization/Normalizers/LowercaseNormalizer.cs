using System.Text;

namespace Harness.Models.Tokenization.Normalizers;

/// <summary>Lower-cases every character (Unicode full mapping, culture-invariant); tokenizer.json type <c>Lowercase</c>.</summary>
internal sealed class LowercaseNormalizer : Normalizer
{
    /// <inheritdoc />
    public override NormalizedString Normalize(NormalizedString input) => input.MapCharacters(ToLower);

    /// <summary>Rust <c>char::to_lowercase</c>: the simple mapping, except U+0130 which becomes "i" + U+0307.</summary>
    internal static string ToLower(int codePoint)
    {
        // Source: Unicode SpecialCasing.txt, the only unconditional multi-character lowercase mapping.
        if (codePoint == 0x130) return "i\u0307";
        if (codePoint < 0x80) return ((char)(codePoint is >= 'A' and <= 'Z' ? codePoint + 32 : codePoint)).ToString();
        return Rune.ToLowerInvariant(new Rune(codePoint)).ToString();
    }
}
