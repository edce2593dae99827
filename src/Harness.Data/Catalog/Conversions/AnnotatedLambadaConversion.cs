using System.Text.Json;
using System.Text.Json.Nodes;

namespace Harness.Data.Catalog.Conversions;

/// <summary>reagent_annotated_lambada from Vafa et al.'s annotated_lambada.json (one object per line:
/// lambadaIndex, text, rationale character spans): the last word is the target, the text before it the prompt.</summary>
internal static class AnnotatedLambadaConversion
{
    public static IEnumerable<JsonObject> Rows(IReadOnlyList<string> files) =>
        RawText.Lines(files[0]).Select((line, i) => (line, i)).Where(l => l.line.Trim().Length > 0).Select(l =>
        {
            var source = JsonNode.Parse(l.line)!.AsObject();
            var text = source["text"]!.GetValue<string>();
            var trimmed = text.TrimEnd();
            var lastSpace = trimmed.LastIndexOfAny([' ', '\n', '\t']);
            if (lastSpace < 0) throw RawText.Error(files[0], l.i + 1, "expected a passage of several words");
            var spans = source["rationale"]!.AsArray().Select(s => (Start: s![0]!.GetValue<int>(), End: s[1]!.GetValue<int>())).ToList();
            var index = source["lambadaIndex"]!.GetValue<int>();
            var word = trimmed[(lastSpace + 1)..];
            return new JsonObject
            {
                ["id"] = $"lambada-{index}", ["lambada_index"] = index, ["text"] = text, ["prompt"] = trimmed[..lastSpace].TrimEnd(),
                ["target"] = " " + word, ["target_word"] = word,
                ["rationale_spans"] = new JsonArray(spans.Select(s => (JsonNode)new JsonArray(s.Start, s.End)).ToArray()),
                ["rationale_words"] = new JsonArray(spans.Select(s => (JsonNode)JsonValue.Create(text[s.Start..s.End])).ToArray()),
            };
        });
}
