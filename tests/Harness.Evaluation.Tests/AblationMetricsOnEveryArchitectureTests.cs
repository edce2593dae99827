using Harness.Evaluation.ContextAttribution;
using Harness.Evaluation.Core;
using Harness.Evaluation.Eraser;
using Harness.Evaluation.LabelAgreement;
using Harness.Models;
using Harness.Scoring;
using Harness.Torch;

namespace Harness.Evaluation.Tests;

/// <summary>ERASER AOPC, top-k drop, LDS and label agreement on every architecture of the models issue
/// for a token and a span target: a finite value, forward passes spent, the same values bit for bit
/// for the same seed, no tensor left alive; unusable scores give NaN without a forward pass.</summary>
[TestFixture]
[Fast]
public sealed class AblationMetricsOnEveryArchitectureTests
{
    private static readonly string[] Architectures = ["gpt2", "opt", "gptj", "llama", "mistral", "qwen2", "phi3"];
    private static readonly long[] Context = [5, 17, 42, 88, 23, 61, 9, 74, 33, 50, 12];
    private static readonly float[] Scores = [0.3f, -0.2f, 0.9f, 0.1f, 0.5f, 0.05f, -0.4f, 0.8f, 0.2f, 0.0f];

    private static readonly string[] Metrics = [Aopc.ComprehensivenessName, Aopc.SufficiencyName, TopKDrop.MetricName, Lds.MetricName, LabelAgreementMetric.MetricName];

    /// <summary>Small sample counts (the definitions are checked in each family's tests).</summary>
    private static readonly Dictionary<string, Dictionary<string, string>> FastOptions = new()
    {
        [Lds.MetricName] = new() { ["masks"] = "8" },
        [LabelAgreementMetric.MetricName] = new() { ["max_new_tokens"] = "2" },
    };

    private static IEnumerable<TestCaseData> Cases() =>
        from architecture in Architectures
        from metric in Metrics
        select new TestCaseData(architecture, metric).SetName($"{metric} on {architecture}");

    private static MetricInput Input(ILanguageModel model, AttributionTarget target, float[]? scores = null) =>
        new(model, Context, target, scores ?? Scores)
        {
            Region = 1..,
            Seed = 11,
            BatchSize = 5,
            PadId = 0,
            // Any token reads as a label: even ids "yes", odd ids "no".
            Decode = ids => string.Concat(ids.Select(id => id % 2 == 0 ? " yes" : " no")),
            LabelSet = ["yes", "no"],
        };

    [TestCaseSource(nameof(Cases))]
    public void Runs_on_the_architecture_deterministically_without_leaking_tensors(string architecture, string name)
    {
        using var model = ModelLoader.Load(SharedFolder.Combine("fixtures", "hf-parity", architecture));
        var metric = MetricRegistry.Create(name, FastOptions.GetValueOrDefault(name) ?? []);
        foreach (AttributionTarget target in new AttributionTarget[] { new AttributionTarget.Token(42), new AttributionTarget.Span([42, 7]) })
        {
            var before = Tensor.LiveCount;
            var first = metric.Evaluate(Input(model, target));
            var second = metric.Evaluate(Input(model, target));
            GC.Collect();
            GC.WaitForPendingFinalizers();

            Assert.Multiple(() =>
            {
                Assert.That(double.IsFinite(first.Value), $"{target}: {first.Value}");
                Assert.That(first.Parts.Values.All(v => !double.IsInfinity(v)), $"{target}");
                Assert.That(first.Cost.ForwardPasses, Is.GreaterThan(0), $"{target}");
                Assert.That(second.Value, Is.EqualTo(first.Value), $"{target}: same seed, same value bit for bit");
                Assert.That(second.Parts, Is.EqualTo(first.Parts), $"{target}");
                Assert.That(second.Cost.ForwardPasses, Is.EqualTo(first.Cost.ForwardPasses), $"{target}");
                Assert.That(Tensor.LiveCount, Is.EqualTo(before), $"{target}: no tensor outlives the metric");
            });
        }
    }

    [TestCaseSource(nameof(MetricNames))]
    public void Unusable_scores_give_nan_without_a_forward_pass(string name)
    {
        using var model = ModelLoader.Load(SharedFolder.Combine("fixtures", "hf-parity", "gpt2"));
        var metric = MetricRegistry.Create(name);
        var scores = Scores.ToArray();
        scores[3] = float.PositiveInfinity;
        var result = metric.Evaluate(Input(model, new AttributionTarget.Token(42), scores));

        Assert.That(double.IsNaN(result.Value));
        Assert.That(result.Flags, Is.EqualTo(new[] { ScoreChecks.NonFiniteScores }));
        Assert.That(result.Cost.ForwardPasses, Is.Zero);
    }

    private static IEnumerable<string> MetricNames() => Metrics;
}
