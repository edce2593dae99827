using Harness.Evaluation.ContextAttribution;
using Harness.Evaluation.Core;
using Harness.Evaluation.Eraser;
using Harness.Models;
using Harness.Scoring;
using Harness.Torch;

namespace Harness.Evaluation.Tests;

/// <summary>A stop request reaches a metric's sample loop (issue 25, item 5): a metric whose token is cancelled during
/// its first forward pass ends with <see cref="OperationCanceledException"/> before its next batch.</summary>
[TestFixture]
[Fast]
public sealed class MetricCancellationTests
{
    private static readonly double[] Weights = [0.0, 0.3, 1.5, -0.8, 0.35, 2.0, -1.2, 0.6, -0.1, 0.9];
    private static readonly long[] Context = [1, 2, 3, 4, 5, 6, 7, 8, 9];

    private static IEnumerable<TestCaseData> SamplingMetrics()
    {
        yield return new TestCaseData(new Lds(new LdsOptions { Masks = 16 })).SetArgDisplayNames("lds");
        yield return new TestCaseData(new Aopc(EraserMeasure.Sufficiency)).SetArgDisplayNames("aopc_sufficiency");
        yield return new TestCaseData(new Aopc(EraserMeasure.Comprehensiveness)).SetArgDisplayNames("aopc_comprehensiveness");
    }

    [TestCaseSource(nameof(SamplingMetrics))]
    public void A_stop_heard_in_the_first_forward_pass_ends_the_metric_before_the_next_batch(IMetric metric)
    {
        using var stop = new CancellationTokenSource();
        using var model = new StoppingModel(BagOfTokensModel.Linear(Weights), stop);
        var scores = Context.Select(id => (float)Weights[id]).ToArray();
        var input = new MetricInput(model, Context, new AttributionTarget.Token(0), scores) { BatchSize = 1, Seed = 3, BosId = 7 };

        Assert.That(() => metric.Evaluate(input, stop.Token), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(model.Forwards, Is.EqualTo(1), "the pass in flight finished, and no other ran");
    }

    /// <summary>A model that asks to stop in its first forward pass and counts the passes it runs.</summary>
    private sealed class StoppingModel(ILanguageModel inner, CancellationTokenSource stop) : ILanguageModel
    {
        public int Forwards { get; private set; }

        public string ModelType => inner.ModelType;

        public long VocabSize => inner.VocabSize;

        public Device Device => inner.Device;

        public ScalarType DType => inner.DType;

        public Tensor Embed(Tensor ids) => inner.Embed(ids);

        public KvCache NewCache() => inner.NewCache();

        public ModelOutput Forward(ModelInput input, ForwardOptions? options = null)
        {
            Forwards++;
            stop.Cancel();
            return inner.Forward(input, options);
        }

        public void Dispose() => inner.Dispose();
    }
}
