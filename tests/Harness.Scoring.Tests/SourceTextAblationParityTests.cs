using System.Text.Json;
using Harness.Data.Segmentation;
using Harness.Scoring;

namespace Harness.Scoring.Tests;

/// <summary>
/// ContextCite's text ablation as its own code makes it: Fixtures/ContextCiteText/contextcite_text_cases.json
/// (gen_contextcite_text.py runs MadryLab/context-cite's split_text, SimpleContextPartitioner.get_context and
/// _create_mask from the checkout, on NLTK's Punkt) holds, for hand-written contexts (line breaks, leading and trailing
/// whitespace, letterless parts, double spaces) and HotpotQA contexts rebuilt from ../shared/datasets, ContextCite's
/// sentences and the context it builds for each of its first ablation masks. The harness's sentences are
/// <see cref="ContextSentences.ContextCite"/> and its ablated prompt <see cref="SourceTextAblation.Text"/>, here
/// inside ContextCite's default prompt template.
/// </summary>
[TestFixture]
[Fast]
public sealed class SourceTextAblationParityTests
{
    private const string Head = "Context: ";
    private const string Tail = "\n\nQuery: What is the answer?";

    private static readonly JsonElement Fixture = JsonDocument.Parse(File.ReadAllText(
        RepositoryFolder.Combine("tests", "Harness.Scoring.Tests", "Fixtures", "ContextCiteText", "contextcite_text_cases.json"))).RootElement;

    public static IEnumerable<TestCaseData> InlineCases() => Fixture.GetProperty("inline").EnumerateArray()
        .Select((c, i) => new TestCaseData(c.GetProperty("context").GetString()!, c).SetName($"Inline_{i:D2}"));

    public static IEnumerable<TestCaseData> HotpotQaCases()
    {
        var contexts = File.ReadLines(SharedFolder.Combine("datasets", "hotpotqa", "data.jsonl")).Where(l => l.Trim().Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .ToDictionary(r => r.GetProperty("id").GetString()!, r => string.Join("\n\n", r.GetProperty("context").EnumerateArray()
                .Select(p => string.Join(" ", p[1].EnumerateArray().Select(s => s.GetString())))));
        return Fixture.GetProperty("shared").EnumerateArray()
            .Select(c => new TestCaseData(contexts[c.GetProperty("id").GetString()!], c).SetName($"HotpotQa_{c.GetProperty("id").GetString()}"));
    }

    [TestCaseSource(nameof(InlineCases))]
    [TestCaseSource(nameof(HotpotQaCases))]
    public void Ablated_contexts_are_those_ContextCite_builds(string context, JsonElement expected)
    {
        var spans = ContextSentences.ContextCite(context);
        var prompt = Head + context + Tail;
        var ablation = new SourceTextAblation(prompt, (Head.Length, Head.Length + context.Length),
            spans.Select(s => (s.Start + Head.Length, s.End + Head.Length)).ToArray(), _ => []);

        Assert.That(spans.Select(s => context[s.Start..s.End]), Is.EqualTo(expected.GetProperty("parts").EnumerateArray().Select(p => p.GetString())),
            "ContextCite's sentences (split_text)");
        foreach (var ablated in expected.GetProperty("ablations").EnumerateArray())
        {
            var mask = ablated.GetProperty("mask").EnumerateArray().Select(m => m.GetInt32() == 1).ToArray();
            Assert.That(ablation.Text(mask), Is.EqualTo(Head + ablated.GetProperty("context").GetString() + Tail), $"mask {string.Join("", mask.Select(m => m ? 1 : 0))}");
        }

        var masks = expected.GetProperty("ablations").EnumerateArray().Select(a => a.GetProperty("mask").EnumerateArray().Select(m => m.GetInt32() == 1).ToArray()).ToList();
        if (masks.Count > 0)
            Assert.That(NumpyRandomState.AblationMasks(masks.Count, spans.Count, 0.5, 0), Is.EqualTo(masks), "ContextCite's _create_mask draws");
    }
}
