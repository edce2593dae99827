using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Harness.Data.Readers;

namespace Harness.Data.Catalog.Conversions;

/// <summary>wikibio from wiki2bio's original_data/{train,valid,test}.{box,summary} (the first 100 rows of
/// each split): a box line is tab-separated `field_N:token` items; a field's tokens are joined with spaces,
/// `&lt;none&gt;` values dropped, and `article_title` becomes the title.</summary>
internal static partial class WikiBioConversion
{
    public static readonly string[] Splits = ["train", "valid", "test"];

    /// <param name="files">Box and summary file of each split, in <see cref="Splits"/> order.</param>
    public static IEnumerable<JsonObject> Rows(IReadOnlyList<string> files) =>
        Splits.SelectMany((split, s) =>
        {
            var (boxes, summaries) = (RawText.Lines(files[2 * s]), RawText.Lines(files[2 * s + 1]));
            if (boxes.Count != summaries.Count) throw RawText.Error(files[2 * s + 1], summaries.Count, $"{boxes.Count} boxes but {summaries.Count} summaries");
            return boxes.Select((box, i) =>
            {
                var fields = Fields(box);
                var title = fields.FirstOrDefault(f => f.Name == "article_title").Value ?? "";
                var summary = summaries[i].Trim();
                return new JsonObject
                {
                    ["id"] = $"wikibio-{split}-{i:D3}", ["orig_split"] = split, ["orig_index"] = i, ["title"] = title,
                    ["infobox"] = new JsonArray(fields.Where(f => f.Name != "article_title").Select(f => (JsonNode)new JsonArray(f.Name, f.Value)).ToArray()),
                    ["target_text"] = summary, ["target_text_detok"] = PtbBrackets.Restore(summary),
                };
            });
        });

    /// <summary>The box's fields in source order, each with its tokens joined.</summary>
    private static List<(string Name, string Value)> Fields(string box)
    {
        var fields = new List<(string Name, List<string> Tokens)>();
        foreach (var item in box.Split('\t', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = item.IndexOf(':');
            if (colon < 0) continue;
            var (key, value) = (item[..colon], item[(colon + 1)..]);
            if (value == "<none>") continue;
            var name = Numbered().Match(key) is { Success: true } m ? m.Groups[1].Value : key;
            if (fields.Count == 0 || fields[^1].Name != name) fields.Add((name, []));
            fields[^1].Tokens.Add(value);
        }

        return fields.Select(f => (f.Name, string.Join(' ', f.Tokens))).ToList();
    }

    [GeneratedRegex(@"^(.+)_(\d+)$")]
    private static partial Regex Numbered();
}
