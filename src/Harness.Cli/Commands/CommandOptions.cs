using System.CommandLine;

namespace Harness.Cli.Commands;

/// <summary>Options and parsers several commands share (--dtype and --device: <see cref="ModelPlacement"/>).</summary>
internal static class CommandOptions
{
    public static Option<bool> Json() => new("--json") { Description = "Print machine-readable JSON instead of text." };

    /// <summary>"1,2,3" -> ids; null when the option was not given.</summary>
    public static long[]? ParseIds(string? text, string option)
    {
        if (text is null) return null;
        try
        {
            return text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(long.Parse).ToArray();
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw new UsageException($"{option} expects comma-separated integers, e.g. {option} 5,17,42; got '{text}'");
        }
    }
}
