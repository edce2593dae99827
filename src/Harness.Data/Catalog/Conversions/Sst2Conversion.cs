using System.Globalization;
using System.Text.Json.Nodes;

namespace Harness.Data.Catalog.Conversions;

/// <summary>sst2 from a mirror of GLUE's SST-2 dev.tsv (header `text	label`): all 872 sentences in GLUE order,
/// trailing spaces stripped.</summary>
internal static class Sst2Conversion
{
    public static IEnumerable<JsonObject> Rows(IReadOnlyList<string> files)
    {
        var lines = RawText.Lines(files[0]);
        return lines.Skip(1).Select((line, idx) =>
        {
            var fields = line.Split('\t');
            if (fields.Length != 2 || fields[1].Trim() is not ("0" or "1")) throw RawText.Error(files[0], idx + 2, "expected `sentence<TAB>0|1`");
            var label = int.Parse(fields[1].Trim(), CultureInfo.InvariantCulture);
            return new JsonObject
            {
                ["id"] = $"sst2-dev-{idx:D3}", ["idx"] = idx, ["sentence"] = fields[0].TrimEnd(), ["label"] = label,
                ["label_text"] = label == 1 ? "positive" : "negative",
            };
        });
    }
}
