using Harness.Attribution.Core;
using Harness.Attribution.Methods;
using Harness.Scoring;

namespace Harness.Attribution.Tests;

/// <summary>
/// context_cite ablates as ContextCite does by default: a source's text leaves the prompt and the prompt is encoded
/// again (ContextCiter._get_prompt_ids), where the request carries the prompt's text; token removal where it does not.
/// </summary>
[TestFixture]
[Fast]
public sealed class ContextCiteAblationTests
{
    // Token ids are characters: '1' is a fixed prefix, the digits 2..5 are the sources and ' ' (id 1 too) separates
    // them, so the context "12 3 4 5" is [1, 2, 1, 3, 1, 4, 1, 5]. Taking out the first source "2" as text also drops
    // the separator before the next kept one ("13 4 5", as get_context joins parts); removing its token keeps it.
    private static readonly double[] Weights = [0.0, 0.3, 1.5, -0.8, 0.35, 2.0];
    private const string Prompt = "12 3 4 5";

    private static IReadOnlyList<long> Encode(string text) => text.Select(c => c == ' ' ? 1L : c - '0').ToArray();

    private static AttributionRequest Request(LinearFakeModel model, bool withText) =>
        new(model, Encode(Prompt), new AttributionTarget.Token(LinearFakeModel.TargetId))
        {
            Region = 1..8,
            Sources = new Harness.Data.Segmentation.Sources([[0], [1, 2], [3, 4], [5, 6]]),
            SourceText = withText ? new SourceTextAblation(Prompt, (1, 8), [(1, 2), (3, 4), (5, 6), (7, 8)], Encode) : null,
        };

    [Test]
    public void With_the_prompts_text_the_default_is_ContextCites_text_ablation()
    {
        using var model = new LinearFakeModel(Weights);
        var result = new ContextCite().Attribute(Request(model, withText: true));
        var byDefault = result.Scores;
        var text = new ContextCite(new ContextCiteOptions { Ablation = Ablation.Text }).Attribute(Request(model, withText: true)).Scores;
        var removed = new ContextCite(new ContextCiteOptions { Ablation = Ablation.Remove }).Attribute(Request(model, withText: true)).Scores;

        Assert.Multiple(() =>
        {
            Assert.That(byDefault, Is.EqualTo(text));
            Assert.That(byDefault, Is.Not.EqualTo(removed).Within(1e-3), "the separator after the first source moves the scores");
            Assert.That(result.Diagnostics["text_ablation"], Is.EqualTo(1), "the result says which ablation the default picked");
        });
    }

    [Test]
    public void Without_the_prompts_text_the_default_removes_tokens()
    {
        using var model = new LinearFakeModel(Weights);
        var result = new ContextCite().Attribute(Request(model, withText: false));
        var removed = new ContextCite(new ContextCiteOptions { Ablation = Ablation.Remove }).Attribute(Request(model, withText: false)).Scores;

        Assert.That(result.Scores, Is.EqualTo(removed));
        Assert.That(result.Diagnostics["text_ablation"], Is.EqualTo(0));
        Assert.That(() => new ContextCite(new ContextCiteOptions { Ablation = Ablation.Text }).Attribute(Request(model, withText: false)),
            Throws.TypeOf<ScoringException>().With.Message.Contains("carries no prompt text"));
    }
}
