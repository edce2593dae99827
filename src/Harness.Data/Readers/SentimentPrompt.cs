using Harness.Data.Examples;

namespace Harness.Data.Readers;

/// <summary>
/// The SST-2-style classification template of the sst2 and imdb readers (spec/metrics.md 4b: the
/// label is parsed from the first generated word):
/// <code>
/// Review: {text}
/// Is this review positive or negative? Reply positive or negative.
/// Answer:
/// </code>
/// Region is {text}; Target is the gold label with its leading space (" positive"), Label the label,
/// LabelSet [positive, negative].
/// </summary>
internal static class SentimentPrompt
{
    public static readonly IReadOnlyList<string> LabelSet = ["positive", "negative"];

    public static Example Build(JsonlRow row, string id, string text)
    {
        var labelText = row.String("label_text");
        var expected = row.Int("label") switch
        {
            0 => "negative",
            1 => "positive",
            var other => throw row.Error($"label: expected 0 (negative) or 1 (positive), found {other}"),
        };
        if (labelText != expected) throw row.Error($"label_text: expected \"{expected}\" for label {row.Int("label")}, found \"{labelText}\"");

        var prompt = new PromptBuilder().Append("Review: ");
        var region = prompt.AppendMarked(text);
        prompt.Append("\nIs this review positive or negative? Reply positive or negative.\nAnswer:");
        return new Example(id, prompt.ToString())
        {
            Target = " " + labelText,
            Region = region,
            Label = labelText,
            LabelSet = LabelSet,
        };
    }
}
