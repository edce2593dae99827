namespace Harness.Data.Readers;

/// <summary>Penn Treebank bracket escapes back to brackets (the mapping of WikiBio's `target_text_detok`).</summary>
internal static class PtbBrackets
{
    private static readonly (string Escape, string Bracket)[] Escapes =
        [("-lrb-", "("), ("-rrb-", ")"), ("-lsb-", "["), ("-rsb-", "]"), ("-lcb-", "{"), ("-rcb-", "}")];

    public static string Restore(string text) =>
        Escapes.Aggregate(text, (current, escape) => current.Replace(escape.Escape, escape.Bracket, StringComparison.Ordinal));
}
