using System.Text.Json.Nodes;

namespace Harness.Data.Catalog.Conversions;

/// <summary>reagent_wikitext from ReAGent's data/benchmark/wikitext.txt: one prompt per line.</summary>
internal static class WikiTextConversion
{
    public static IEnumerable<JsonObject> Rows(IReadOnlyList<string> files) =>
        RawText.Lines(files[0]).Select((line, i) => new JsonObject
        {
            ["id"] = $"reagent-wikitext-{i:D2}", ["line"] = i, ["prompt"] = line.Trim(), ["raw_line"] = line,
        });
}
