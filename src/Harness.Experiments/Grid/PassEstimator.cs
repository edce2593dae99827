using Harness.Attribution;
using Harness.Attribution.Methods;
using Harness.Scoring;

namespace Harness.Experiments.Grid;

/// <summary>
/// `harness run --dry-run`'s estimate of the passes a cell needs, from each method's definition and
/// its bound options for a context of L attributed units (the counts the methods' cost tests check:
/// e.g. integrated gradients steps + 2 forward and steps backward; occlusion L + 1; Shapley sampling
/// 2 + permutations (L - 1)). Metrics are estimated from spec/metrics.md's default sample counts. An
/// estimate: prefix-cache reuse, early stopping (ReAGent, whose bound is given) and shared per-example memos make real runs cheaper.
/// </summary>
public static class PassEstimator
{
    public static PassEstimate Attribution(string name, IReadOnlyDictionary<string, string> options, double units)
    {
        var entry = AttributorRegistry.Find(name);
        var bound = OptionBinder.Bind(name, entry.OptionsType, options);
        return (name, bound) switch
        {
            ("random", _) => new(0, 0),
            ("attention" or "attention_last" or "attention_rollout", _) => new(1, 0),
            (_, SaliencyOptions or InputXGradientOptions or GradEllmOptions) => new(1, 1),
            (_, IntegratedGradientsOptions o) => new(o.Steps + 2, o.Steps),
            (_, GradientShapOptions o) => new(o.Samples, o.Samples),
            (_, OcclusionOptions) => new(units + 1, 0),
            (_, ShapleySamplingOptions o) => new(2 + o.Permutations * Math.Max(units - 1, 1), 0),
            (_, KernelShapOptions o) => new(o.Samples + 2, 0),
            (_, LimeOptions o) => new(o.Samples, 0),
            (_, ContextCiteOptions o) => new(o.Ablations, 0),
            // ReAGent stops early when the target is back in the top k: this is the bound, 1 + 2 x chains x max_steps.
            (_, ReAgentOptions o) => new(1 + 2.0 * o.Chains * o.MaxSteps, 0),
            ("at2", _) => new(1, 0),
            _ => new(1, 0),
        };
    }

    /// <summary>The passes one item of a cell is expected to need: its attribution, then every metric of <paramref name="metrics"/>.</summary>
    public static PassEstimate PerItem(Schema.AttributorSpec attributor, IEnumerable<Schema.MetricSpec> metrics, double units) =>
        Attribution(attributor.Name, attributor.Options, units) + Metrics(metrics);

    /// <summary>The passes of <paramref name="metrics"/> on one item.</summary>
    public static PassEstimate Metrics(IEnumerable<Schema.MetricSpec> metrics) =>
        metrics.Select(m => Metric(m.Name)).Aggregate(new PassEstimate(0, 0), (a, b) => a + b);

    /// <summary>Source: spec/metrics.md defaults (1 Soft sample, 9 pi values, 5 ERASER thresholds, 3 top-k, 64 LDS masks).</summary>
    public static PassEstimate Metric(string name) => name switch
    {
        "soft_ns" or "soft_nc" => new(3, 0),
        "pi_soft_ns" or "pi_soft_nc" => new(11, 0),
        "aopc_sufficiency" or "aopc_comprehensiveness" => new(6, 0),
        "top_k_drop" => new(4, 0),
        "lds" => new(65, 0),
        "label_agreement" => new(8, 0),
        _ => new(0, 0),
    };
}
