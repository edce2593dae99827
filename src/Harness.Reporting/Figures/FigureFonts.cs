using SkiaSharp;

namespace Harness.Reporting.Figures;

/// <summary>
/// The one sans-serif family every figure uses: DejaVu Sans (Debian's fonts-dejavu-core, which ./run-all.sh setup
/// installs; it covers Latin, Greek and Cyrillic token text), else the first family the system has. SkiaSharp's Linux
/// build here finds fonts by scanning the font folders, so without any font installed figures would have no text.
/// </summary>
internal static class FigureFonts
{
    public const string Preferred = "DejaVu Sans";

    private static readonly Lazy<string> Chosen = new(Choose);

    /// <summary>The family name; throws <see cref="RendererException"/> naming the package when the system has no font.</summary>
    public static string Family => Chosen.Value;

#pragma warning disable IDISP015 // SKTypeface.Default is Skia's shared instance and matched faces live as long as the font manager: callers never dispose either
    public static SKTypeface Typeface(bool bold = false) =>
        SKFontManager.Default.MatchFamily(Family, bold ? SKFontStyle.Bold : SKFontStyle.Normal) ?? SKTypeface.Default;
#pragma warning restore IDISP015

    private static string Choose()
    {
        var families = SKFontManager.Default.FontFamilies.ToList();
        if (families.Contains(Preferred, StringComparer.Ordinal)) return Preferred;
        return families.FirstOrDefault()
               ?? throw new RendererException($"no font is installed, so figures would have no text: install {Preferred} (fonts-dejavu-core; ./run-all.sh setup)");
    }
}
