namespace Harness.Cli.Commands;

/// <summary>Parses repeated `--option key=value` arguments (attributors and metrics alike).</summary>
internal static class OptionPairs
{
    public static Dictionary<string, string> Parse(IEnumerable<string> pairs)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var eq = pair.IndexOf('=');
            if (eq <= 0) throw new UsageException($"--option expects key=value, got '{pair}'");
            result[pair[..eq].Trim()] = pair[(eq + 1)..].Trim();
        }

        return result;
    }
}
