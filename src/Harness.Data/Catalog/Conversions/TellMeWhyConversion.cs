using System.Text.Json.Nodes;

namespace Harness.Data.Catalog.Conversions;

/// <summary>reagent_tellmewhy2 from ReAGent's data/benchmark/tellmewhy2.txt: a narrative and a final "Why"
/// question per line (some lines separate them with a tab, which becomes a space).</summary>
internal static class TellMeWhyConversion
{
    public static IEnumerable<JsonObject> Rows(IReadOnlyList<string> files) =>
        RawText.Lines(files[0]).Select((line, i) =>
        {
            var prompt = line.Replace('\t', ' ').Trim();
            var why = prompt.LastIndexOf("Why", StringComparison.Ordinal);
            if (why < 0) throw RawText.Error(files[0], i + 1, "expected a narrative followed by a 'Why ...' question");
            return new JsonObject
            {
                ["id"] = $"reagent-tellmewhy2-{i:D2}", ["line"] = i, ["prompt"] = prompt,
                ["narrative"] = prompt[..why].Trim(), ["question"] = prompt[why..].Trim(), ["raw_line"] = line,
            };
        });
}
