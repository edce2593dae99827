using Harness.Models;
using Harness.Scoring;

namespace Harness.Scoring.Tests;

/// <summary>
/// `ablation: text` is ContextCite's ablation: the kept sources' text is put back together as
/// SimpleContextPartitioner.get_context does (each kept part after its own separator, except the first kept one; the
/// text before the first part and after the last dropped), between the prompt's text before and after the context,
/// and that prompt is encoded again (MadryLab/context-cite context_partitioner.py, context_citer.py _get_prompt_ids).
/// </summary>
[TestFixture]
[Fast]
public sealed class SourceTextAblationTests
{
    // ContextCite's template "Context: {context}\n\nQuery: {query}" around a context of three sentences (parts) whose
    // separators are " " and "\n", with a leading space and a trailing line break that no part holds.
    private const string Context = " Paris is big. It has a tower.\nRome is old.\n";
    private const string Prompt = "Context: " + Context + "\n\nQuery: Which city is old?";
    private static readonly int ContextStart = "Context: ".Length;

    private static (int, int) Part(string part)
    {
        var at = Prompt.IndexOf(part, StringComparison.Ordinal);
        return (at, at + part.Length);
    }

    private static SourceTextAblation Ablation(Func<string, IReadOnlyList<long>>? encode = null) =>
        new(Prompt, (ContextStart, ContextStart + Context.Length), [Part("Paris is big."), Part("It has a tower."), Part("Rome is old.")],
            encode ?? (text => text.Select(c => (long)c).ToArray()));

    [TestCase(true, true, true, "Context: Paris is big. It has a tower.\nRome is old.\n\nQuery: Which city is old?")]
    [TestCase(false, true, true, "Context: It has a tower.\nRome is old.\n\nQuery: Which city is old?")]
    [TestCase(true, false, true, "Context: Paris is big.\nRome is old.\n\nQuery: Which city is old?")]
    [TestCase(true, true, false, "Context: Paris is big. It has a tower.\n\nQuery: Which city is old?")]
    [TestCase(false, false, true, "Context: Rome is old.\n\nQuery: Which city is old?")]
    [TestCase(false, false, false, "Context: \n\nQuery: Which city is old?")]
    public void The_kept_sources_are_joined_as_ContextCites_get_context_joins_them(bool first, bool second, bool third, string expected)
    {
        Assert.That(Ablation().Text([first, second, third]), Is.EqualTo(expected));
    }

    [Test]
    public void The_ablated_prompt_is_encoded_again()
    {
        var encoded = new List<string>();
        var ablation = Ablation(text =>
        {
            encoded.Add(text);
            return [text.Length];
        });

        Assert.That(ablation.ContextIds([true, false, true]), Is.EqualTo(new long[] { "Context: Paris is big.\nRome is old.\n\nQuery: Which city is old?".Length }));
        Assert.That(encoded, Is.EqualTo(new[] { "Context: Paris is big.\nRome is old.\n\nQuery: Which city is old?" }));
    }

    [Test]
    public void Source_characters_outside_the_context_or_out_of_order_are_refused()
    {
        var region = (ContextStart, ContextStart + Context.Length);
        Assert.Multiple(() =>
        {
            Assert.That(() => new SourceTextAblation(Prompt, region, [Part("Query")], _ => []), Throws.ArgumentException.With.Message.Contains("not inside the region"));
            Assert.That(() => new SourceTextAblation(Prompt, region, [Part("Rome is old."), Part("Paris is big.")], _ => []),
                Throws.ArgumentException.With.Message.Contains("after the previous source"));
            Assert.That(() => new SourceTextAblation(Prompt, (0, Prompt.Length + 1), [], _ => []), Throws.ArgumentException.With.Message.Contains("outside the prompt"));
            Assert.That(() => Ablation().Text([true, false]), Throws.ArgumentException.With.Message.Contains("a keep-mask of 2 for 3 sources"));
        });
    }

    [Test]
    public void A_request_ablates_text_only_when_it_carries_the_prompts_text()
    {
        using var model = ModelLoader.Load(SharedFolder.Combine("fixtures", "hf-parity", "gpt2"));
        // Characters as token ids of the fixture's vocabulary: the context ids are the prompt's encoding.
        IReadOnlyList<long> Encode(string text) => text.Select(c => (long)(c % model.VocabSize)).ToArray();
        var ids = Encode(Prompt);
        var target = new AttributionTarget.Token(7);
        var region = Enumerable.Range(0, ids.Count).Where(i => Part("Paris is big.").Item1 <= i && i < Part("Rome is old.").Item2).ToArray();
        var sources = new Harness.Data.Segmentation.Sources(
            new[] { "Paris is big.", "It has a tower.", "Rome is old." }.Select(p => Enumerable.Range(Part(p).Item1 - region[0], p.Length).ToArray()).ToArray());
        var request = new ScoringRequest(model, ids, target) { Region = region[0]..(region[^1] + 1), Sources = sources, Objective = Objective.LogProb };

        using (var run = new ScoringRun(request))
            Assert.That(() => new ContextAblator(run, Harness.Scoring.Ablation.Text), Throws.TypeOf<ScoringException>().With.Message.Contains("carries no prompt text"));

        using var textRun = new ScoringRun(request with { SourceText = Ablation(Encode) });
        var ablator = new ContextAblator(textRun, Harness.Scoring.Ablation.Text);
        bool[] keep = [false, true, true];
        Assert.Multiple(() =>
        {
            Assert.That(ablator.Contexts([keep])![0], Is.EqualTo(Encode("Context: It has a tower.\nRome is old.\n\nQuery: Which city is old?")));
            Assert.That(ablator.Score([keep])[0], Is.EqualTo(textRun.Scorer.Score([Encode("Context: It has a tower.\nRome is old.\n\nQuery: Which city is old?")])[0]).Within(1e-6));
            Assert.That(() => new ScoringRun(request with { SourceText = Ablation(Encode), Sources = null }),
                Throws.TypeOf<ScoringException>().With.Message.Contains("3 source spans for"));
        });

        // A prompt that is nothing but its sources encodes to no token once all are out: a replacement token (e.g. BOS)
        // stands for it, as for token removal, and without one the ablation says what to give.
        var bare = new SourceTextAblation("Paris is big. Rome", (0, 18), [(0, 13), (14, 18)], Encode);
        using var bareRun = new ScoringRun(new ScoringRequest(model, Encode("Paris is big. Rome"), target)
        {
            Sources = new Harness.Data.Segmentation.Sources([Enumerable.Range(0, 13).ToArray(), Enumerable.Range(14, 4).ToArray()]),
            SourceText = bare,
        });
        Assert.Multiple(() =>
        {
            Assert.That(new ContextAblator(bareRun, Harness.Scoring.Ablation.Text, replacementId: 5).Contexts([[false, false]])![0], Is.EqualTo(new long[] { 5 }));
            Assert.That(() => new ContextAblator(bareRun, Harness.Scoring.Ablation.Text).Contexts([[false, false]]),
                Throws.TypeOf<ScoringException>().With.Message.Contains("encodes to no tokens"));
        });
    }
}
