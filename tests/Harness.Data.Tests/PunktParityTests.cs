using System.Text;
using System.Text.Json;
using Harness.Data.Segmentation;
using Harness.Data.Segmentation.Punkt;
using Harness.Data.Tests.Readers;

namespace Harness.Data.Tests;

/// <summary>
/// Punkt splits as NLTK's own code makes them: Fixtures/Punkt/punkt_cases.json (gen_punkt.py runs NLTK's
/// PunktSentenceTokenizer with punkt_tab/english, and AT2's split_text on it) holds, for hand-written texts with
/// abbreviations, initials, numbers, ellipses, quotes and line breaks, and for ~1900 texts rebuilt from
/// ../shared/datasets (HotpotQA paragraphs as AT2 joins them, BoolQ passages, IMDB reviews, LAMBADA passages,
/// TellMeWhy narratives, WikiBio sentences), every sentence span and every AT2 source span. Python counts code
/// points, so its offsets are moved onto UTF-16 before comparing.
/// </summary>
[Fast]
public class PunktParityTests
{
    private static readonly JsonElement Fixture = JsonDocument.Parse(File.ReadAllText(
        RepositoryFolder.Combine("tests", "Harness.Data.Tests", "Fixtures", "Punkt", "punkt_cases.json"))).RootElement;

    public static IEnumerable<TestCaseData> InlineCases() => Fixture.GetProperty("inline").EnumerateArray()
        .Select((c, i) => new TestCaseData(c.GetProperty("text").GetString()!, Spans(c, "punkt"), Spans(c, "at2")).SetName($"Inline_{i:D2}"));

    [TestCaseSource(nameof(InlineCases))]
    public void Hand_written_texts_split_as_NLTK_and_AT2_split_them(string text, int[][] punkt, int[][] at2)
    {
        Assert.That(Actual(PunktSentenceTokenizer.English.SpanTokenize(text)), Is.EqualTo(Utf16(text, punkt)), "PunktSentenceTokenizer.span_tokenize");
        Assert.That(Actual(ContextSentences.At2(text)), Is.EqualTo(Utf16(text, at2)), "at2.utils.split_text");
    }

    [Test]
    public void Dataset_texts_split_as_NLTK_and_AT2_split_them()
    {
        var texts = new Dictionary<(string, string, string), string>();
        foreach (var name in new[] { "hotpotqa", "boolq", "imdb", "reagent_annotated_lambada", "reagent_tellmewhy2", "wikibio" })
            foreach (var row in SharedDataset.RawRows(name))
                foreach (var (recipe, text) in Texts(name, row))
                    texts[(name, row.GetProperty("id").GetString()!, recipe)] = text;

        var cases = Fixture.GetProperty("shared").EnumerateArray().ToList();
        Assert.That(cases, Has.Count.EqualTo(texts.Count), "one case per text");
        var failures = new List<string>();
        foreach (var c in cases)
        {
            var key = (c.GetProperty("dataset").GetString()!, c.GetProperty("id").GetString()!, c.GetProperty("recipe").GetString()!);
            var text = texts[key];
            if (!Actual(PunktSentenceTokenizer.English.SpanTokenize(text)).SequenceEqual(Utf16(text, Spans(c, "punkt")), SpanComparer.Instance))
                failures.Add($"{key} punkt");
            if (!Actual(ContextSentences.At2(text)).SequenceEqual(Utf16(text, Spans(c, "at2")), SpanComparer.Instance))
                failures.Add($"{key} at2");
        }

        Assert.That(failures, Is.Empty);
    }

    [Test]
    public void Abbreviations_initials_and_closing_quotes_stay_in_their_sentence()
    {
        var sentences = PunktSentenceTokenizer.English.Tokenize("Mr. Smith met J. S. Bach in the U.S. at 5 p.m. He said \"Hello.\" Then he left.");

        Assert.That(sentences, Is.EqualTo(new[] { "Mr. Smith met J. S. Bach in the U.S. at 5 p.m.", "He said \"Hello.\"", "Then he left." }));
    }

    [Test]
    public void AT2_drops_parts_without_a_letter_where_ContextCite_keeps_them()
    {
        const string text = "First point.\n2.\nSecond point.";

        Assert.That(ContextSentences.At2(text).Select(s => text[s.Start..s.End]), Is.EqualTo(new[] { "First point.", "Second point." }));
        Assert.That(ContextSentences.ContextCite(text).Select(s => text[s.Start..s.End]), Is.EqualTo(new[] { "First point.", "2.", "Second point." }));
    }

    /// <summary>The texts gen_punkt.py builds from a dataset row, by recipe.</summary>
    private static IEnumerable<(string Recipe, string Text)> Texts(string dataset, JsonElement row)
    {
        switch (dataset)
        {
            case "hotpotqa":
                var p = 0;
                foreach (var paragraph in row.GetProperty("context").EnumerateArray())
                    yield return ($"passage {p++}", string.Join(" ", paragraph[1].EnumerateArray().Select(s => s.GetString())));
                break;
            case "boolq": yield return ("passage", row.GetProperty("passage").GetString()!); break;
            case "reagent_tellmewhy2": yield return ("narrative", row.GetProperty("narrative").GetString()!); break;
            case "wikibio": yield return ("target_text_detok", row.GetProperty("target_text_detok").GetString()!); break;
            default: yield return ("text", row.GetProperty("text").GetString()!); break;
        }
    }

    private static int[][] Spans(JsonElement c, string name) =>
        c.GetProperty(name).EnumerateArray().Select(s => new[] { s[0].GetInt32(), s[1].GetInt32() }).ToArray();

    private static int[][] Actual(IReadOnlyList<(int Start, int End)> spans) => spans.Select(s => new[] { s.Start, s.End }).ToArray();

    /// <summary>Python's code-point offsets as UTF-16 offsets of <paramref name="text"/>.</summary>
    private static int[][] Utf16(string text, int[][] spans)
    {
        var offsets = new List<int> { 0 };
        for (var i = 0; i < text.Length;)
        {
            i += Rune.TryGetRuneAt(text, i, out var rune) ? rune.Utf16SequenceLength : 1;
            offsets.Add(i);
        }

        return spans.Select(s => new[] { offsets[s[0]], offsets[s[1]] }).ToArray();
    }

    private sealed class SpanComparer : IEqualityComparer<int[]>
    {
        public static readonly SpanComparer Instance = new();

        public bool Equals(int[]? a, int[]? b) => a!.SequenceEqual(b!);

        public int GetHashCode(int[] span) => HashCode.Combine(span[0], span[1]);
    }
}
