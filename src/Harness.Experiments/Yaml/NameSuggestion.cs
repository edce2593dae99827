namespace Harness.Experiments.Yaml;

/// <summary>"did you mean ...?" for misspelt names: the known name nearest in edit distance, when it
/// is close enough to be a typo: at most a third of its length in edits, between 1 and 3.</summary>
public static class NameSuggestion
{
    /// <summary>The name of <paramref name="known"/> that <paramref name="name"/> is probably a typo of (case ignored), or null when none is close enough.</summary>
    public static string? Nearest(string name, IEnumerable<string> known)
    {
        var best = known.Select(k => (Name: k, Distance: Distance(name.ToLowerInvariant(), k.ToLowerInvariant())))
            .OrderBy(x => x.Distance).ThenBy(x => x.Name, StringComparer.Ordinal).FirstOrDefault();
        return best.Name is not null && best.Distance <= Math.Clamp(name.Length / 3, 1, 3) ? best.Name : null;
    }

    /// <summary>" (did you mean 'x'?)" or nothing.</summary>
    public static string Hint(string name, IEnumerable<string> known) =>
        Nearest(name, known) is { } near ? $" (did you mean '{near}'?)" : "";

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours.</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }

        return d[a.Length, b.Length];
    }
}
