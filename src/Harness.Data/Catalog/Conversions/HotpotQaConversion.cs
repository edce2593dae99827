using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Harness.Data.Catalog.Conversions;

/// <summary>hotpotqa from the first 100 dev-distractor examples in the Hugging Face column layout
/// (supporting_facts {title, sent_id}, context {title, sentences}), turned back into the official list
/// layout; the official `_id` comes from a truncated copy of the official file, whose complete records are
/// the same examples in the same order (known for the first 53, null after).</summary>
internal static class HotpotQaConversion
{
    public static IEnumerable<JsonObject> Rows(IReadOnlyList<string> files)
    {
        var examples = JsonNode.Parse(File.ReadAllText(files[0], Encoding.UTF8))!.AsArray();
        var official = CompleteRecords(File.ReadAllBytes(files[1]));
        return examples.Select((node, i) =>
        {
            var example = node!.AsObject();
            var question = example["question"]!.GetValue<string>();
            string? id = i < official.Count && official[i].Question == question ? official[i].Id : null;
            var facts = example["supporting_facts"]!;
            var context = example["context"]!;
            return new JsonObject
            {
                ["id"] = $"hotpot-dev-{i:D3}", ["dev_index"] = i, ["hotpot_id"] = id, ["question"] = question,
                ["answer"] = example["answer"]!.GetValue<string>(), ["type"] = example["type"]!.GetValue<string>(), ["level"] = example["level"]!.GetValue<string>(),
                ["supporting_facts"] = Zip(facts["title"]!, facts["sent_id"]!),
                ["context"] = Zip(context["title"]!, context["sentences"]!),
            };
        });
    }

    private static JsonArray Zip(JsonNode first, JsonNode second) =>
        new(first.AsArray().Zip(second.AsArray(), (a, b) => (JsonNode)new JsonArray(a!.DeepClone(), b!.DeepClone())).ToArray());

    /// <summary>`_id` and question of every complete record of a JSON array that may be cut off mid-record.</summary>
    private static List<(string Id, string Question)> CompleteRecords(byte[] json)
    {
        var records = new List<(string, string)>();
        var reader = new Utf8JsonReader(json, isFinalBlock: false, default);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray) return records;
        while (true)
        {
            try
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return records;
                using var record = JsonDocument.ParseValue(ref reader);
                records.Add((record.RootElement.GetProperty("_id").GetString()!, record.RootElement.GetProperty("question").GetString()!));
            }
            catch (JsonException)
            {
                return records; // the cut-off record
            }
        }
    }
}
