using System.Text.Json.Nodes;

namespace Harness.Data.Catalog.Conversions;

/// <summary>boolq from a copy of the SuperGLUE BoolQ validation split wrapped in an editing template
/// (`passage: TITLE -- PASSAGE\nquestion: {}`, the question as `subject`, the answer as "True"/"False"): the
/// template is undone. All 3270 rows.</summary>
internal static class BoolQConversion
{
    private const string Prefix = "passage: ";
    private const string Suffix = "\nquestion: {}";

    public static IEnumerable<JsonObject> Rows(IReadOnlyList<string> files) =>
        RawText.Lines(files[0]).Select((line, idx) =>
        {
            var source = JsonNode.Parse(line)!.AsObject();
            var prompt = source["prompt"]!.GetValue<string>();
            var separator = prompt.IndexOf(" -- ", StringComparison.Ordinal);
            if (!prompt.StartsWith(Prefix, StringComparison.Ordinal) || !prompt.EndsWith(Suffix, StringComparison.Ordinal) || separator < 0)
                throw RawText.Error(files[0], idx + 1, $"expected a prompt `{Prefix}TITLE -- PASSAGE{Suffix.Replace("\n", "\\n", StringComparison.Ordinal)}`");
            var answer = source["target_new"]!["str"]!.GetValue<string>();
            return new JsonObject
            {
                ["id"] = $"boolq-dev-{idx:D4}", ["idx"] = idx, ["question"] = source["subject"]!.GetValue<string>(),
                ["title"] = prompt[Prefix.Length..separator], ["passage"] = prompt[(separator + 4)..^Suffix.Length],
                ["answer"] = answer == "True" ? true : answer == "False" ? false : throw RawText.Error(files[0], idx + 1, "expected target_new.str True or False"),
            };
        });
}
