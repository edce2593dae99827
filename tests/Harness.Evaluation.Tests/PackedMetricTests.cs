using Harness.Evaluation.ContextAttribution;
using Harness.Evaluation.Core;
using Harness.Models;
using Harness.Scoring;
using Harness.Torch;

namespace Harness.Evaluation.Tests;

/// <summary>LDS and top-k drop evaluate several examples together (issue 27, item 4): their ablated contexts fill
/// batch_size-sequence passes across example boundaries, and each result equals the example evaluated alone, in float64
/// on the CPU, whatever its context length, region, target or ablation (attention ablation is scored example by example);
/// a pack scores every example's LDS masks or none, so an example's outputs do not depend on its packmates.</summary>
[TestFixture]
[Fast]
public sealed class PackedMetricTests
{
    private static readonly long[] Context = [5, 17, 42, 88, 23, 61, 9, 74, 33, 50, 12];
    private ILanguageModel model = null!;

    [OneTimeSetUp]
    public void LoadModel() => model = ModelLoader.Load(SharedFolder.Combine("fixtures", "hf-parity", "gpt2"), ScalarType.Float64);

    [OneTimeTearDown]
    public void Release() => model.Dispose();

    private static MetricInput[] Inputs(ILanguageModel m, int batchSize = 16) =>
    [
        new(m, Context, new AttributionTarget.Token(42), [0.3f, -0.2f, 0.9f, 0.1f, 0.5f, 0.05f, -0.4f, 0.8f, 0.2f]) { Region = 2.., Seed = 5, BatchSize = batchSize },
        new(m, Context[..6], new AttributionTarget.Span([42, 7]), [0.1f, 0.7f, -0.3f, 0.2f, 0.4f, 0.6f]) { Seed = 6, BatchSize = batchSize, BosId = 0 },
        new(m, [.. Context, 42, 9], new AttributionTarget.Token(7), [0.2f, 0.1f, 0.9f, -0.5f, 0.3f, 0.8f, 0.05f, 0.4f, -0.1f]) { Region = 1..10, Seed = 7, BatchSize = batchSize },
    ];

    private static IEnumerable<TestCaseData> Metrics()
    {
        yield return new TestCaseData(new Lds(new LdsOptions { Masks = 5 })).SetArgDisplayNames("lds");
        yield return new TestCaseData(new Lds(new LdsOptions { Masks = 4, Ablation = Ablation.Pad, Output = ResponseOutput.LogProb })).SetArgDisplayNames("lds_pad_logprob");
        yield return new TestCaseData(new TopKDrop()).SetArgDisplayNames("top_k_drop");
        yield return new TestCaseData(new TopKDrop(new TopKDropOptions { Ks = [2, 4], Ablation = Ablation.Attention })).SetArgDisplayNames("top_k_drop_attention_not_packed");
    }

    [TestCaseSource(nameof(Metrics))]
    public void Packed_inputs_get_the_values_each_gets_alone_in_float64(IPackedMetric metric)
    {
        var inputs = Inputs(model).Select(i => i with { PadId = 3 }).ToArray();

        var packed = metric.EvaluateMany(inputs);

        Assert.That(packed, Has.Count.EqualTo(inputs.Length));
        Assert.Multiple(() =>
        {
            for (var i = 0; i < inputs.Length; i++)
            {
                var alone = metric.Evaluate(inputs[i]);
                Assert.That(packed[i].Value, Is.EqualTo(alone.Value).Within(1e-9), $"input {i}");
                Assert.That(packed[i].Parts.Keys, Is.EquivalentTo(alone.Parts.Keys), $"input {i}");
                foreach (var (part, value) in alone.Parts)
                    Assert.That(packed[i].Parts[part], Is.EqualTo(value).Within(1e-9 * Math.Max(1, Math.Abs(value))), $"input {i}: {part}");
                Assert.That(packed[i].Flags, Is.EqualTo(alone.Flags), $"input {i}");
                // Alone, a region that leaves a prefix may cost one pass more: the scorer's prefix cache (packed rows have none).
                Assert.That(packed[i].Cost.ForwardPasses, Is.InRange(alone.Cost.ForwardPasses - 1, alone.Cost.ForwardPasses), $"input {i}: each value counts its own rows");
            }
        });
    }

    [Test]
    public void Packed_ablated_contexts_fill_batch_size_passes_across_examples()
    {
        var batches = new List<int>();
        using var counting = new ForwardHookModel(model, input => batches.Add(ForwardHookModel.Rows(input)));
        var inputs = Inputs(counting, batchSize: 4);
        var topK = new TopKDrop();

        topK.EvaluateMany(inputs);
        var packedPasses = batches.ToList();
        batches.Clear();
        foreach (var input in inputs) topK.Evaluate(input);

        // The 9 ablated contexts, one per k (1, 3, 5), then each example's intact context through its own scorer (examples 0
        // and 2, whose region leaves a prefix, first run that prefix for the scorer's cache).
        Assert.That(packedPasses, Is.EqualTo(new[] { 4, 4, 1, 1, 1, 1, 1, 1 }), "the 9 ablated contexts in passes of batch_size 4");
        Assert.That(batches, Is.EqualTo(new[] { 1, 3, 1, 3, 1, 1, 3, 1 }), "one pass of 3 per example alone");
        Assert.That(topK.EvaluationsPerPack(16), Is.EqualTo(5), "16 rows hold the 3 ks of 5 examples");
    }

    [Test]
    public void A_pack_scores_every_examples_LDS_masks_once_and_later_attributors_read_them_from_the_memo()
    {
        var batches = new List<int>();
        using var counting = new ForwardHookModel(model, input => batches.Add(ForwardHookModel.Rows(input)));
        var inputs = WithMemos(Inputs(counting));
        var lds = new Lds(new LdsOptions { Masks = 5 });
        var first = lds.EvaluateMany(inputs);
        Assert.That(batches, Is.EqualTo(new[] { 15 }), "the 5 masks of the 3 examples in one pass");
        batches.Clear();

        var second = lds.EvaluateMany(inputs.Select(i => i with { Scores = [.. i.Scores.Select(s => -s)] }).ToArray());

        Assert.That(batches, Is.Empty, "a later attributor's pack finds every example's masks in its memo");
        for (var i = 0; i < inputs.Length; i++)
        {
            Assert.That(second[i].Value, Is.EqualTo(-first[i].Value).Within(1e-12), $"input {i}: the same masks and outputs, the negated scores' ranking");
            Assert.That(second[i].Cost.ForwardPasses, Is.Zero);
        }
    }

    [Test]
    public void An_examples_LDS_outputs_do_not_depend_on_its_packmates_scores_or_memo()
    {
        // Float summation follows a pass's rows, so an example's f(v_i) are bit-equal only when its pass holds the same rows:
        // the pack scores its packmates' masks whether their scores are NaN or their memo already holds them.
        var lds = new Lds(new LdsOptions { Masks = 5 });
        IReadOnlyList<MetricResult> results = [];
        IReadOnlyList<double> OutputsOfFirst(MetricInput[] inputs)
        {
            results = lds.EvaluateMany(inputs);
            return lds.MemoisedSamples(inputs[0])!.Outputs;
        }

        var reference = OutputsOfFirst(WithMemos(Inputs(model)));

        var nanPackmate = WithMemos(Inputs(model));
        nanPackmate[1] = nanPackmate[1] with { Scores = [.. nanPackmate[1].Scores.Select(_ => float.NaN)] };
        Assert.That(OutputsOfFirst(nanPackmate), Is.EqualTo(reference), "a packmate with NaN scores");
        Assert.That(lds.MemoisedSamples(nanPackmate[1]), Is.Not.Null, "whose masks later attributors of its example find");
        Assert.That(results[1].Value, Is.NaN);
        Assert.That(results[1].Cost.ForwardPasses, Is.EqualTo(5), "and whose value counts the rows that drew them");

        var memoisedPackmate = WithMemos(Inputs(model));
        var alone = lds.Evaluate(memoisedPackmate[1]);
        var aloneOutputs = lds.MemoisedSamples(memoisedPackmate[1])!.Outputs;
        Assert.That(OutputsOfFirst(memoisedPackmate), Is.EqualTo(reference), "a packmate whose memo holds its masks");
        Assert.That(lds.MemoisedSamples(memoisedPackmate[1])!.Outputs, Is.SameAs(aloneOutputs), "which keeps the outputs it was first evaluated with");
        Assert.That(results[1].Cost.ForwardPasses, Is.Zero, "its rows, scored again for its packmates' sake, count on no meter");
        Assert.That(alone.Value, Is.Not.NaN);
    }

    private static MetricInput[] WithMemos(MetricInput[] inputs) => inputs.Select(input => input with { Memo = new ExampleMemo() }).ToArray();

    [Test]
    public void A_pack_holding_an_input_the_metric_cannot_take_fails_as_that_input_alone()
    {
        var inputs = Inputs(model);
        inputs[1] = inputs[1] with { Scores = [0.5f] };

        var alone = Assert.Throws<MetricException>(() => new TopKDrop().Evaluate(inputs[1]));
        var packed = Assert.Throws<MetricException>(() => new TopKDrop().EvaluateMany(inputs));

        Assert.That(packed!.Message, Is.EqualTo(alone!.Message));
    }
}
