using System.Globalization;
using System.Text;

namespace Harness.Cli.Commands;

/// <summary>Text from a user or a model made safe to print on a terminal: control characters (ESC sequences that
/// recolour, move the cursor or retitle the window; BEL; C1 controls) are shown as \xNN instead of acting.</summary>
internal static class TerminalText
{
    public static string Visible(string text)
    {
        if (!text.Any(IsControl)) return text;
        var safe = new StringBuilder(text.Length + 8);
        foreach (var c in text)
            if (IsControl(c)) safe.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
            else safe.Append(c);
        return safe.ToString();
    }

    private static bool IsControl(char c) => c < 0x20 || c is >= '\u007f' and <= '\u009f';
}
