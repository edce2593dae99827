using Harness.Data.Segmentation;
using Harness.Models;
using Harness.Scoring;

namespace Harness.Scoring.Tests;

/// <summary>
/// What attributors and metrics share (issue 25, item 1): a scoring request is validated once with one exception type,
/// a run expands keep-masks over sources to the whole context, and the context ablator scores those contexts through the
/// run's batched scorer, each ablation changing the context it should.
/// </summary>
[TestFixture]
[Fast]
public sealed class ScoringRunTests
{
    private static readonly long[] Context = [5, 17, 42, 88, 23, 61, 9, 74];
    private static readonly AttributionTarget Target = new AttributionTarget.Token(33);
    private ILanguageModel model = null!;

    [OneTimeSetUp]
    public void LoadModel() => model = ModelLoader.Load(SharedFolder.Combine("fixtures", "hf-parity", "gpt2"));

    [OneTimeTearDown]
    public void DisposeModel() => model.Dispose();

    [Test]
    public void A_bad_request_fails_with_a_scoring_exception_that_names_the_problem()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => new ScoringRun(new ScoringRequest(model, [], Target)), Throws.TypeOf<ScoringException>().With.Message.Contains("the context is empty"));
            Assert.That(() => new ScoringRun(new ScoringRequest(model, Context, Target) { Region = 3..3 }), Throws.TypeOf<ScoringException>().With.Message.Contains("is empty"));
            Assert.That(() => new ScoringRun(new ScoringRequest(model, Context, new AttributionTarget.Token(model.VocabSize))),
                Throws.TypeOf<ScoringException>().With.Message.Contains("outside the model's vocabulary"));
            Assert.That(() => new ScoringRun(new ScoringRequest(model, Context, Target) { BatchSize = 0 }), Throws.TypeOf<ScoringException>().With.Message.Contains("batch size"));
            Assert.That(() => new ScoringRun(new ScoringRequest(model, Context, Target) { Region = 2..5, Sources = new Sources([[0, 1], [4]]) }),
                Throws.TypeOf<ScoringException>());
        });
    }

    [Test]
    public void A_keep_mask_over_sources_keeps_everything_outside_the_region_and_drops_a_source_as_a_whole()
    {
        using var run = new ScoringRun(new ScoringRequest(model, Context, Target) { Region = 2..6, Sources = new Sources([[0, 1], [2], [3]]) });

        var mask = run.ContextKeepMask([false, true, true]);

        Assert.That(mask, Is.EqualTo(new[] { true, true, false, false, true, true, true, true }));
        Assert.That(run.Sources.Count, Is.EqualTo(3));
        Assert.That((run.RegionStart, run.RegionLength), Is.EqualTo((2, 4)));
    }

    [Test]
    public void Each_ablation_scores_the_context_it_describes()
    {
        using var run = new ScoringRun(new ScoringRequest(model, Context, Target) { Region = 2..6, Objective = Objective.LogProb });
        bool[] keep = [true, false, true, false];                   // drops context positions 3 and 5
        long[] removed = [5, 17, 42, 23, 9, 74];
        long[] baseline = [5, 17, 42, 0, 23, 0, 9, 74];
        long[] padded = [5, 17, 42, 7, 23, 7, 9, 74];

        Assert.Multiple(() =>
        {
            Assert.That(new ContextAblator(run, Ablation.Remove).Score([keep])[0], Is.EqualTo(run.Scorer.Score([removed])[0]).Within(1e-6));
            Assert.That(new ContextAblator(run, Ablation.Baseline).Score([keep])[0], Is.EqualTo(run.Scorer.Score([baseline])[0]).Within(1e-6));
            Assert.That(new ContextAblator(run, Ablation.Pad, replacementId: 7).Score([keep])[0], Is.EqualTo(run.Scorer.Score([padded])[0]).Within(1e-6));
            var attended = Context.Select((_, i) => i is not (3 or 5)).ToArray();
            Assert.That(new ContextAblator(run, Ablation.Attention).Score([keep])[0], Is.EqualTo(run.Scorer.Score([Context], [attended])[0]).Within(1e-6));
            Assert.That(new ContextAblator(run, Ablation.Remove).ScoreFull(), Is.EqualTo(run.Scorer.Score([Context])[0]).Within(1e-6));
        });
    }

    [Test]
    public void Ablations_that_replace_tokens_need_a_replacement_inside_the_vocabulary()
    {
        using var run = new ScoringRun(new ScoringRequest(model, Context, Target));

        Assert.That(() => new ContextAblator(run, Ablation.Pad), Throws.TypeOf<ScoringException>().With.Message.Contains("replacement token id"));
        Assert.That(() => new ContextAblator(run, Ablation.Mask, replacementId: model.VocabSize), Throws.TypeOf<ScoringException>().With.Message.Contains("outside the model's vocabulary"));
    }

    [Test]
    public void Removing_every_token_needs_a_token_that_stands_for_the_empty_context()
    {
        using var run = new ScoringRun(new ScoringRequest(model, Context, Target));
        var nothing = new bool[Context.Length];

        Assert.That(() => new ContextAblator(run, Ablation.Remove).Score([nothing]), Throws.TypeOf<ScoringException>().With.Message.Contains("leaves nothing before the target"));
        Assert.That(new ContextAblator(run, Ablation.Remove, replacementId: 0).Score([nothing])[0], Is.EqualTo(run.Scorer.Score([[0L]])[0]).Within(1e-6));
    }

    [Test]
    public void The_cost_meter_counts_every_scored_sequence()
    {
        using var run = new ScoringRun(new ScoringRequest(model, Context, Target) { ReusePrefixCache = false });

        new ContextAblator(run, Ablation.Baseline).Score([.. Enumerable.Range(0, 5).Select(i => Context.Select((_, j) => j != i).ToArray())]);

        Assert.That(run.StopMeter().ForwardPasses, Is.EqualTo(5));
    }
}
