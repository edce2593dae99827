using System.Globalization;
using System.Text;

namespace Harness.Cli.Commands;

/// <summary>
/// `harness attribute`'s heatmap row for a terminal (issue 24, item 4; tokens used to run together with no spaces and
/// no numbers): "TARGET  &lt;=  " then each source as its text and score, separated by spaces and wrapped at the width
/// with continuation lines indented under the first source. In colour the text's background is the score relative to
/// the row's largest magnitude (red positive, blue negative); without colour each source is "[text score]".
/// Whitespace inside a source shows as it is; a source that is only whitespace shows as "\u2423".
/// </summary>
internal static class TerminalHeatmap
{
    public static IReadOnlyList<string> Lines(string target, IReadOnlyList<string> sources, IReadOnlyList<float> scores, bool colour, int width)
    {
        var prefix = $"{TerminalText.Visible(target)}  <=  ";
        var indent = new string(' ', Math.Min(prefix.Length, width / 2));
        var scale = scores.Select(Math.Abs).DefaultIfEmpty(0).Max();
        var lines = new List<string>();
        var line = new StringBuilder(prefix);
        var used = prefix.Length;
        for (var i = 0; i < sources.Count; i++)
        {
            var (text, score) = (Shown(sources[i]), scores[i].ToString("G3", CultureInfo.InvariantCulture));
            var visible = colour ? $"{text} {score}" : $"[{text} {score}]";
            var separator = used == prefix.Length || used == indent.Length ? "" : " ";
            if (used + separator.Length + visible.Length > width && used > indent.Length)
            {
                lines.Add(line.ToString());
                (line, used, separator) = (new StringBuilder(indent), indent.Length, "");
            }

            line.Append(separator).Append(colour ? Coloured(text, scale > 0 ? scores[i] / scale : 0) + " " + score : visible);
            used += separator.Length + visible.Length;
        }

        lines.Add(line.ToString());
        return lines;
    }

    /// <summary>The source's text made safe and visible: control characters as \xNN, an all-whitespace source as "\u2423".</summary>
    private static string Shown(string source) => source.Length > 0 && string.IsNullOrWhiteSpace(source) ? "\u2423" : TerminalText.Visible(source);

    /// <summary>Black text on a background whose strength is |share| (24-bit colour).</summary>
    private static string Coloured(string text, double share)
    {
        var strength = (int)Math.Round(255 * (1 - Math.Min(1, Math.Abs(share))));
        var (r, g, b) = share >= 0 ? (255, strength, strength) : (strength, strength, 255);
        return $"\u001b[48;2;{r};{g};{b}m\u001b[38;2;0;0;0m{text}\u001b[0m";
    }
}
