using Harness.Data.Segmentation;
using Harness.Evaluation.Core;
using Harness.Evaluation.Eraser;
using Harness.Models;
using Harness.Scoring;

namespace Harness.Evaluation.Tests;

/// <summary>ERASER's hard comprehensiveness/sufficiency and AOPC (spec/metrics.md section 4) on a
/// bag-of-tokens model whose target probability is e^s / (e^s + 9), s the weight sum of the kept
/// tokens, so every value has a closed form; rationale sizes, normalisation, ablations, batching.</summary>
[TestFixture]
[Fast]
public sealed class EraserTests
{
    // Token 0 is the target; 1..7 form the context; 8 is the pad token, 9 BOS.
    private static readonly double[] Weights = [0.0, 2.0, -1.0, 0.5, 1.5, -0.5, 1.0, 0.25, -1.0, 0.5];
    private static readonly long[] Context = [1, 2, 3, 4, 5, 6, 7];
    private const long PadId = 8, BosId = 9;

    // Ranking by score: positions 1, 3, 5, 6, 2, 4, 0.
    private static readonly float[] Scores = [0.1f, 0.9f, 0.3f, 0.7f, 0.2f, 0.5f, 0.4f];

    /// <summary>P(target | the given tokens), closed form.</summary>
    private static double P(IEnumerable<long> kept)
    {
        var s = kept.Sum(id => Weights[id]);
        return Math.Exp(s) / (Math.Exp(s) + Weights.Length - 1);
    }

    private static long[] Without(params int[] positions) => Context.Where((_, i) => !positions.Contains(i)).ToArray();

    private static long[] Only(params int[] positions) => Context.Where((_, i) => positions.Contains(i)).ToArray();

    private static MetricInput Input(ILanguageModel model, float[]? scores = null, ExampleMemo? memo = null) =>
        new(model, Context, new AttributionTarget.Token(0), scores ?? Scores) { BosId = BosId, PadId = PadId, Memo = memo };

    [Test]
    public void Rationale_sizes_are_max_1_ceil_k_percent_of_the_sources()
    {
        Assert.That(new[] { 1, 5, 10, 20, 50 }.Select(k => EraserRationale.Size(k, 7)), Is.EqualTo(new[] { 1, 1, 1, 2, 4 }));
        Assert.That(new[] { 1, 5, 10, 20, 50, 100 }.Select(k => EraserRationale.Size(k, 200)), Is.EqualTo(new[] { 2, 10, 20, 40, 100, 200 }));
        Assert.That(EraserRationale.Size(7, 100), Is.EqualTo(7), "integer ceil: 7/100.0 * 100 is 7.000000000000001");
        Assert.That(EraserRationale.Mask([0.5f, 0.9f, 0.5f, 0.5f], 2), Is.EqualTo(new[] { true, true, false, false }), "ties: earlier first");
    }

    [Test]
    public void Comprehensiveness_is_the_drop_when_the_top_sources_are_removed()
    {
        using var model = BagOfTokensModel.Linear(Weights);
        var result = new Aopc(EraserMeasure.Comprehensiveness).Evaluate(Input(model));

        var q = P(Context);
        double[] expected = [q - P(Without(1)), q - P(Without(1)), q - P(Without(1)), q - P(Without(1, 3)), q - P(Without(1, 3, 5, 6))];
        Assert.Multiple(() =>
        {
            Assert.That(new[] { 1, 5, 10, 20, 50 }.Select(k => result.Parts[PartKey.Parse($"k={k}")]), Is.EqualTo(expected).Within(1e-6));
            Assert.That(result.Value, Is.EqualTo(expected.Average()).Within(1e-6));
            Assert.That(result.Parts[PartKey.Parse("q_y")], Is.EqualTo(q).Within(1e-6));
            Assert.That(result.Flags, Is.Empty);
        });
    }

    [Test]
    public void Sufficiency_is_the_drop_when_only_the_top_sources_stay()
    {
        using var model = BagOfTokensModel.Linear(Weights);
        var result = new Aopc(EraserMeasure.Sufficiency, new EraserOptions { Thresholds = [10, 20, 50] }).Evaluate(Input(model));

        var q = P(Context);
        double[] expected = [q - P(Only(1)), q - P(Only(1, 3)), q - P(Only(1, 3, 5, 6))];
        Assert.That(new[] { 10, 20, 50 }.Select(k => result.Parts[PartKey.Parse($"k={k}")]), Is.EqualTo(expected).Within(1e-6));
        Assert.That(result.Value, Is.EqualTo(expected.Average()).Within(1e-6));
    }

    [Test]
    public void Normalised_variants_divide_by_the_null_rationale_as_carton_et_al()
    {
        using var model = BagOfTokensModel.Linear(Weights);
        var comp = new Aopc(EraserMeasure.Comprehensiveness, new EraserOptions { Thresholds = [20, 50] }).Evaluate(Input(model));
        var suff = new Aopc(EraserMeasure.Sufficiency, new EraserOptions { Thresholds = [20, 50] }).Evaluate(Input(model));

        // Everything removed leaves BOS alone: the null rationale's drop.
        var q = P(Context);
        var nullDrop = q - P([BosId]);
        var s0 = 1 - Math.Max(0, nullDrop);
        Assert.That(nullDrop, Is.GreaterThan(0.1), "the test needs a drop to normalise by");
        double NormSuff(double drop) => Math.Max(0, 1 - Math.Max(0, drop) - s0) / (1 - s0);
        Assert.Multiple(() =>
        {
            Assert.That(comp.Parts[PartKey.Parse("s0")], Is.EqualTo(s0).Within(1e-6));
            Assert.That(comp.Parts[PartKey.Parse("normalized_k=20")], Is.EqualTo(Math.Max(0, q - P(Without(1, 3))) / (1 - s0)).Within(1e-6));
            Assert.That(comp.Parts[PartKey.Parse("normalized_k=50")], Is.EqualTo(Math.Max(0, q - P(Without(1, 3, 5, 6))) / (1 - s0)).Within(1e-6));
            Assert.That(suff.Parts[PartKey.Parse("normalized_k=20")], Is.EqualTo(NormSuff(q - P(Only(1, 3)))).Within(1e-6));
            Assert.That(suff.Parts[PartKey.Parse("normalized")], Is.EqualTo((NormSuff(q - P(Only(1, 3))) + NormSuff(q - P(Only(1, 3, 5, 6)))) / 2).Within(1e-6));
        });
    }

    [Test]
    public void A_null_rationale_without_a_drop_leaves_the_normalised_parts_undefined()
    {
        // BOS weighs what the whole context weighs: removing everything changes nothing.
        double[] weights = [.. Weights[..9], Context.Sum(id => Weights[id])];
        using var model = BagOfTokensModel.Linear(weights);
        var result = new Aopc(EraserMeasure.Comprehensiveness).Evaluate(Input(model));

        Assert.That(result.Parts[PartKey.Parse("s0")], Is.EqualTo(1).Within(1e-6));
        Assert.That(double.IsNaN(result.Parts[PartKey.Parse("normalized_k=1")]));
        Assert.That(double.IsFinite(result.Value), "the raw AOPC stays");
    }

    [Test]
    public void Pad_replaces_zero_clears_the_embedding_and_a_span_multiplies_its_probabilities()
    {
        using var model = BagOfTokensModel.Linear(Weights);
        var options = new EraserOptions { Thresholds = [20] };
        var q = P(Context);

        var pad = new Aopc(EraserMeasure.Comprehensiveness, options with { Ablation = Ablation.Pad }).Evaluate(Input(model));
        var zero = new Aopc(EraserMeasure.Comprehensiveness, options with { Ablation = Ablation.Zero }).Evaluate(Input(model));
        var attention = new Aopc(EraserMeasure.Sufficiency, options with { Ablation = Ablation.Attention }).Evaluate(Input(model));
        var span = new Aopc(EraserMeasure.Comprehensiveness, options).Evaluate(Input(model) with { Target = new AttributionTarget.Span([0, 0]) });

        Assert.Multiple(() =>
        {
            Assert.That(pad.Value, Is.EqualTo(q - P([.. Without(1, 3), PadId, PadId])).Within(1e-6));
            Assert.That(zero.Value, Is.EqualTo(q - P(Without(1, 3))).Within(1e-6));
            Assert.That(zero.Parts[PartKey.Parse("s0")], Is.EqualTo(1 - (q - P([]))).Within(1e-6), "nothing kept: every logit 0");
            Assert.That(attention.Value, Is.EqualTo(q - P(Only(1, 3))).Within(1e-6));
            // The target token adds weight 0, so each span token has the same probability as the first.
            Assert.That(span.Value, Is.EqualTo(q * q - P(Without(1, 3)) * P(Without(1, 3))).Within(1e-6));
        });
    }

    [Test]
    public void Sources_are_removed_as_a_whole_and_positions_outside_the_region_stay()
    {
        using var model = BagOfTokensModel.Linear(Weights);
        // Region 1..: sources {1, 2} and {4, 5} of the region, i.e. context positions {2, 3} and {5, 6}.
        var input = Input(model, [0.2f, 0.8f]) with { Region = 1.., Sources = new Sources([[1, 2], [4, 5]]) };
        var result = new Aopc(EraserMeasure.Comprehensiveness, new EraserOptions { Thresholds = [50] }).Evaluate(input);

        Assert.That(result.Value, Is.EqualTo(P(Context) - P(Without(5, 6))).Within(1e-6));
    }

    [Test]
    public void All_thresholds_run_in_one_batch_and_q_and_the_null_rationale_come_from_the_memo()
    {
        using var model = BagOfTokensModel.Linear(Weights);
        var memo = new ExampleMemo();
        var first = new Aopc(EraserMeasure.Comprehensiveness).Evaluate(Input(model, memo: memo));
        var second = new Aopc(EraserMeasure.Comprehensiveness).Evaluate(Input(model, [0.9f, 0.1f, 0.3f, 0.7f, 0.2f, 0.5f, 0.4f], memo));
        var sufficiency = new Aopc(EraserMeasure.Sufficiency).Evaluate(Input(model, memo: memo));
        var alone = new Aopc(EraserMeasure.Comprehensiveness).Evaluate(Input(model));

        Assert.Multiple(() =>
        {
            // Sizes 1, 1, 1, 2, 4: three distinct rationales; plus Q and the null rationale once per example.
            Assert.That(first.Cost.ForwardPasses, Is.EqualTo(3 + 2));
            Assert.That(second.Cost.ForwardPasses, Is.EqualTo(3));
            Assert.That(sufficiency.Cost.ForwardPasses, Is.EqualTo(3), "comprehensiveness and sufficiency share Q and the null rationale");
            Assert.That(alone.Cost.ForwardPasses, Is.EqualTo(3 + 2));
            Assert.That(memo.Count, Is.EqualTo(2));
            Assert.That(second.Value, Is.Not.EqualTo(first.Value), "another ranking, another value");
            Assert.That(alone.Value, Is.EqualTo(first.Value), "the memo changes the cost, not the value");
        });
    }

    [Test]
    public void Removing_everything_before_a_one_token_target_needs_bos()
    {
        using var model = BagOfTokensModel.Linear(Weights);
        var input = Input(model) with { BosId = null };
        Assert.That(() => new Aopc(EraserMeasure.Comprehensiveness).Evaluate(input),
            Throws.InstanceOf<ScoringException>().With.Message.Contains("replacement token id (e.g. BOS)"));
        Assert.That(() => new Aopc(EraserMeasure.Comprehensiveness, new EraserOptions { Ablation = Ablation.Pad }).Evaluate(input with { PadId = null }),
            Throws.InstanceOf<ScoringException>().With.Message.Contains("pad or unk id"));
    }

    [Test]
    public void Bad_scores_give_nan_without_forward_passes()
    {
        using var model = BagOfTokensModel.Linear(Weights);
        var result = new Aopc(EraserMeasure.Sufficiency).Evaluate(Input(model, [0, 1, float.NaN, 0, 0, 0, 0]));
        var equal = new Aopc(EraserMeasure.Sufficiency).Evaluate(Input(model, [1, 1, 1, 1, 1, 1, 1]));

        Assert.That(double.IsNaN(result.Value));
        Assert.That(result.Flags, Is.EqualTo(new[] { ScoreChecks.NonFiniteScores }));
        Assert.That(result.Cost.ForwardPasses, Is.Zero);
        Assert.That(equal.Flags, Is.EqualTo(new[] { ScoreChecks.AllEqualScores }));
        Assert.That(equal.Parts[PartKey.Parse("k=20")], Is.EqualTo(P(Context) - P(Only(0, 1))).Within(1e-6), "ties: earlier first");
    }

    [Test]
    public void Options_bind_from_text_and_out_of_range_thresholds_fail_naming_them()
    {
        using var model = BagOfTokensModel.Linear(Weights);
        var bound = MetricRegistry.Create(Aopc.SufficiencyName, new Dictionary<string, string> { ["thresholds"] = "10,50", ["ablation"] = "attention" });
        Assert.That(bound.Evaluate(Input(model)).Parts.Keys.Select(k => k.Format()), Does.Contain("k=10").And.Contain("k=50").And.Not.Contain("k=1"));
        Assert.That(() => MetricRegistry.Create(Aopc.ComprehensivenessName, new Dictionary<string, string> { ["thresholds"] = "0,5" }),
            Throws.InstanceOf<ScoringException>().With.Message.Contains("thresholds=0").And.Message.Contains("[1, 100]"));
        Assert.That(() => new Aopc(EraserMeasure.Sufficiency, new EraserOptions { Thresholds = [5, 5] }),
            Throws.InstanceOf<ScoringException>().With.Message.Contains("distinct"));
        Assert.That(() => MetricRegistry.Create(Aopc.SufficiencyName, new Dictionary<string, string> { ["ablation"] = "drop" }),
            Throws.InstanceOf<ScoringException>().With.Message.Contains("remove"));
    }
}
