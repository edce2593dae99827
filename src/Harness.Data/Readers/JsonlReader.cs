using System.Text.Json;
using Harness.Data.Examples;
using Harness.Models;

namespace Harness.Data.Readers;

/// <summary>
/// jsonl: a user's own examples, one JSON object per line (src/Harness.Data/README.md, "Your own data"):
/// <list type="bullet">
/// <item>`id`: a string or an integer (default: the line number);</item>
/// <item>`text`: the prompt, or `ids`: the prompt as token ids of the model's tokenizer (fed as they are);</item>
/// <item>`target`: the text to explain (with its leading space where the tokenizer wants one), or `target_ids`;
/// neither: the model's own greedy continuation, or " {label}" when the row has a `label`;</item>
/// <item>`rationale`: evidence as [start, end] spans, or, with `text`, words or phrases that occur once in it;</item>
/// <item>`sources`: [start, end] spans scored as units (passages, sentences); `region`: the [start, end] span attributed;</item>
/// <item>`labels`: the label words of a classification prompt, and `label`: the gold one among them.</item>
/// </list>
/// Spans are character spans of `text`, or token spans of `ids`. An unknown field fails, naming the known ones.
/// </summary>
internal sealed class JsonlReader : IDatasetReader
{
    public const string ReaderName = "jsonl";

    /// <summary>Every field a row may have.</summary>
    public static readonly IReadOnlyList<string> Fields = ["id", "text", "ids", "target", "target_ids", "rationale", "sources", "region", "label", "labels"];

    public string Name => ReaderName;

    public IReadOnlyList<Example> Read(string path) => JsonlFile.Read(path, Read);

    private static Example Read(JsonlRow row)
    {
        if (row.FieldNames.FirstOrDefault(f => !Fields.Contains(f)) is { } unknown)
            throw row.Error($"unknown field '{unknown}'; expected {string.Join(", ", Fields)}");
        var prompt = Prompt.Of(row);
        var labels = row.Optional("labels") is { } labelList ? LabelSet(row, labelList) : [];
        var label = row.Optional("label") is { } labelValue ? row.StringAt(labelValue, "label") : null;
        if (label is not null && !labels.Contains(label))
            throw row.Error(labels.Count == 0
                ? "label: expected beside 'labels', the label words it is one of"
                : $"label: expected one of the labels ({string.Join(", ", labels)}), found \"{label}\"");
        if (row.Optional("target") is not null && row.Optional("target_ids") is not null)
            throw row.Error("give 'target' (text) or 'target_ids' (token ids), not both");
        var target = row.Optional("target") is { } targetValue ? NonEmpty(row, "target", row.StringAt(targetValue, "target")) : null;
        return new Example(Id(row), prompt.Text ?? "")
        {
            PromptIds = prompt.Ids,
            Target = target ?? (label is null || row.Optional("target_ids") is not null ? null : " " + label),
            TargetIds = row.Optional("target_ids") is { } targetIds ? Ids(row, "target_ids", targetIds) : null,
            Rationale = row.Optional("rationale") is { } rationale ? prompt.Spans(row, "rationale", rationale, wordsAllowed: true) : [],
            Sources = row.Optional("sources") is { } sources ? prompt.Spans(row, "sources", sources, wordsAllowed: false) : [],
            Region = row.Optional("region") is { } region ? prompt.Span(row, "region", region) : null,
            Label = label,
            LabelSet = labels,
        };
    }

    private static string Id(JsonlRow row) => row.Optional("id") switch
    {
        null => row.Line.ToString(System.Globalization.CultureInfo.InvariantCulture),
        { ValueKind: JsonValueKind.String } id => NonEmpty(row, "id", id.GetString()!),
        { ValueKind: JsonValueKind.Number } id => row.IntAt(id, "id").ToString(System.Globalization.CultureInfo.InvariantCulture),
        { } id => throw row.Expected("id", "a string or an integer", id),
    };

    private static IReadOnlyList<int> Ids(JsonlRow row, string field, JsonElement value)
    {
        var ids = row.ItemsAt(value, field, "a list of token ids").Select((item, i) => row.IntAt(item, $"{field}[{i}]")).ToList();
        if (ids.Count == 0) throw row.Error($"{field}: expected at least one token id, found an empty list");
        var negative = ids.FindIndex(id => id < 0);
        return negative < 0 ? ids : throw row.Error($"{field}[{negative}]: expected a token id (0 or more), found {ids[negative]}");
    }

    private static IReadOnlyList<string> LabelSet(JsonlRow row, JsonElement value)
    {
        var labels = row.ItemsAt(value, "labels", "a list of label words").Select((item, i) => NonEmpty(row, $"labels[{i}]", row.StringAt(item, $"labels[{i}]"))).ToList();
        if (labels.Count < 2) throw row.Error($"labels: expected two or more label words, found {labels.Count}");
        return labels.Distinct(StringComparer.Ordinal).Count() == labels.Count ? labels : throw row.Error("labels: expected distinct label words");
    }

    private static string NonEmpty(JsonlRow row, string field, string text) =>
        text.Length > 0 ? text : throw row.Error($"{field}: expected a non-empty string");

    /// <summary>The row's prompt, text or token ids, and how spans index it: a text span counts code points, as a Python
    /// slice does (so an export written with Python's len and indices is read as meant), and is kept as UTF-16 offsets.</summary>
    private sealed record Prompt(string? Text, IReadOnlyList<int>? Ids)
    {
        /// <summary>The UTF-16 offset of each code point of the text, and of its end (computed once a span needs it).</summary>
        private int[]? offsets;

        private int[]? Offsets => Text is null ? null : offsets ??= PythonText.CodePointOffsets(Text);

        private int Length => Offsets is { } o ? o.Length - 1 : Ids!.Count;

        private string Units => Text is null ? "tokens" : "characters";

        public static Prompt Of(JsonlRow row)
        {
            var (text, ids) = (row.Optional("text"), row.Optional("ids"));
            if (text is not null && ids is not null) throw row.Error("give 'text' (the prompt) or 'ids' (its token ids), not both");
            if (text is { } t) return new Prompt(NonEmpty(row, "text", row.StringAt(t, "text")), null);
            if (ids is { } i) return new Prompt(null, JsonlReader.Ids(row, "ids", i));
            throw row.Error("missing field 'text' (the prompt) or 'ids' (its token ids)");
        }

        public CharSpan Span(JsonlRow row, string where, JsonElement value)
        {
            var span = row.SpanAt(value, where);
            if (span.Length == 0) throw row.Error($"{where}: span {span} is empty; expected start < end");
            if (span.End > Length) throw row.Error($"{where}: span {span} is outside the prompt ({Length} {Units})");
            return Offsets is { } o ? new CharSpan(o[span.Start], o[span.End]) : span;
        }

        /// <summary>The code-point index of UTF-16 offset <paramref name="utf16"/> (for messages that give spans back).</summary>
        private int CodePointAt(int utf16)
        {
            var i = Array.BinarySearch(Offsets!, utf16);
            return i >= 0 ? i : ~i;
        }

        /// <summary>A list of spans; with text, also words or phrases, each of which must occur exactly once as a whole word.</summary>
        public IReadOnlyList<CharSpan> Spans(JsonlRow row, string field, JsonElement value, bool wordsAllowed)
        {
            var expected = wordsAllowed && Text is not null ? "a list of [start, end] spans or words of the text" : "a list of [start, end] spans";
            return row.ItemsAt(value, field, expected).Select((item, i) =>
            {
                if (item.ValueKind != JsonValueKind.String) return Span(row, $"{field}[{i}]", item);
                if (!wordsAllowed || Text is null) throw row.Expected($"{field}[{i}]", Text is null ? "a [start, end] token span (the prompt is ids)" : "a [start, end] span", item);
                return Word(row, $"{field}[{i}]", item.GetString()!);
            }).ToList();
        }

        private CharSpan Word(JsonlRow row, string where, string word)
        {
            var at = new List<int>();
            for (var i = Text!.IndexOf(word, StringComparison.Ordinal); i >= 0 && word.Length > 0; i = Text.IndexOf(word, i + 1, StringComparison.Ordinal))
                if (Bounded(i) && Bounded(i + word.Length)) at.Add(i);
            return at.Count switch
            {
                1 => new CharSpan(at[0], at[0] + word.Length),
                0 => throw row.Error($"{where}: \"{word}\" is not a word of the text"),
                _ => throw row.Error($"{where}: \"{word}\" occurs {at.Count} times in the text (at {string.Join(", ", at.Select(CodePointAt))}); give the one meant as a [start, end] span"),
            };
        }

        /// <summary>True when position <paramref name="i"/> of the text is not inside a word.</summary>
        private bool Bounded(int i) => i == 0 || i == Text!.Length || !char.IsLetterOrDigit(Text[i - 1]) || !char.IsLetterOrDigit(Text[i]);
    }
}
