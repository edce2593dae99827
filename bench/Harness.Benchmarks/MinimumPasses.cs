using Harness.Evaluation.Applications;
using Harness.Evaluation.ContextAttribution;
using Harness.Evaluation.Eraser;
using Harness.Evaluation.LabelAgreement;
using Harness.Evaluation.Plausibility;
using Harness.Evaluation.Soft;

namespace Harness.Benchmarks;

/// <summary>The fewest forward passes (sequences) a metric's definition needs for one example with
/// default options, a one-token target, the whole 64-token context attributed and no example memo
/// (what <see cref="MetricBenchmarks"/> runs): the yardstick of the "Min" and "Used/Min" columns.
/// Counted from the definitions, not from our code, so an extra pass shows as a ratio above 1.</summary>
public static class MinimumPasses
{
    /// <summary>One row: the metric, the count, the formula it comes from and where the definition is.</summary>
    public sealed record Row(string Metric, int Passes, string Formula, string Source);

    public static readonly IReadOnlyList<Row> Table =
    [
        new(PlausibilityMetric.MetricName, 0, "scores vs rationale, no model call", "spec/metrics.md 6"),
        // Source: spec/metrics.md 1 (Zhao & Aletras, ReAGent's soft metrics); samples = 1.
        new(SoftMetric.SufficiencyName, 3, "Q + S0 + samples (1)", "spec/metrics.md 1"),
        new(SoftMetric.ComprehensivenessName, 3, "Q + S0 + samples (1)", "spec/metrics.md 1"),
        // Source: spec/metrics.md 3 (Grad-ELLM): pis 0.1..0.9, one sample each.
        new(PiSoftMetric.SufficiencyName, 11, "Q + S0 + samples x |pis| (1 x 9)", "spec/metrics.md 3"),
        new(PiSoftMetric.ComprehensivenessName, 11, "Q + S0 + samples x |pis| (1 x 9)", "spec/metrics.md 3"),
        // Source: DeYoung et al. 2020 (ERASER); thresholds 1,5,10,20,50% of 64 -> n_k 1,4,7,13,32, all
        // distinct; S0 (every source removed) only for the normalised parts (Carton et al. 2020): raw AOPC alone needs 6.
        new(Aopc.ComprehensivenessName, 7, "Q + distinct n_k (5) + S0", "spec/metrics.md 4"),
        new(Aopc.SufficiencyName, 7, "Q + distinct n_k (5) + S0", "spec/metrics.md 4"),
        // Source: ContextCite / AT2: drop_k = f(all) - f(top-k ablated), ks 1,3,5.
        new(TopKDrop.MetricName, 4, "f(all) + |ks| (3)", "spec/metrics.md 5"),
        // Source: ContextCite: Spearman between f(v_i) and sum_j s_j v_ij; f(all) is not in it.
        new(Lds.MetricName, 64, "N masks f(v_i) (64)", "spec/metrics.md 5"),
        // Greedy decoding with the KV cache: the prompt, then one new token per step.
        new(LabelAgreementMetric.MetricName, 10, "2 decodes (full, rationale) x max_new_tokens (5)", "spec/metrics.md 4b"),
        // Source: AT2 Fig. 5: an answer per k (1, 2, 3, 5) plus unpruned and oracle, 8 tokens each.
        new(ContextPruning.MetricName, 48, "(|ks| (4) + unpruned + oracle) x max_new_tokens (8)", "AT2 Fig. 5"),
    ];

    public static Row? For(string metric) => Table.FirstOrDefault(r => r.Metric == metric);
}
