using Harness.Attribution;
using Harness.Evaluation;
using Harness.Scoring;

namespace Harness.Experiments.Grid;

/// <summary>
/// `harness run --dry-run`'s estimate of the passes a cell needs: each attributor's and metric's own pass rule (its
/// descriptor's <see cref="PassRule"/>, counted from the method's definition) for its bound options and a context of L
/// attributed units. An estimate: prefix-cache reuse, early stopping (ReAGent, whose bound is given) and shared
/// per-example memos make real runs cheaper.
/// </summary>
public static class PassEstimator
{
    /// <summary>The passes of one attribution with its options given as key=value strings (tools and tests; a run uses
    /// the options it bound once).</summary>
    public static PassEstimate Attribution(string name, IReadOnlyDictionary<string, string> options, double units)
    {
        var descriptor = AttributorRegistry.Find(name);
        return descriptor.Passes.Of(descriptor.Bind(options), units);
    }

    /// <summary>The passes one item of a cell is expected to need: its attribution, then every metric of <paramref name="metrics"/>,
    /// from the options the run bound once.</summary>
    public static PassEstimate PerItem(Running.BoundOptions options, Schema.AttributorSpec attributor, IEnumerable<Schema.MetricSpec> metrics, double units) =>
        options.Attributor(attributor).Passes(units) + Metrics(options, attributor, metrics, units);

    /// <summary>The passes of <paramref name="metrics"/> on one item of <paramref name="units"/> attributed units of a cell of
    /// <paramref name="attributor"/>: a metric that attributes again (model_randomization) counts its passes too.</summary>
    public static PassEstimate Metrics(Running.BoundOptions options, Schema.AttributorSpec attributor, IEnumerable<Schema.MetricSpec> metrics, double units) =>
        metrics.Select(m => options.Metric(m) is var bound && bound.Descriptor.RepeatsAttribution
                ? bound.Passes(units) + options.Attributor(attributor).Passes(units)
                : bound.Passes(units))
            .Aggregate(PassEstimate.None, (a, b) => a + b);

    /// <summary>The passes of one metric with its options (key=value strings) on one item.</summary>
    public static PassEstimate Metric(string name, IReadOnlyDictionary<string, string> options, double units)
    {
        var descriptor = MetricRegistry.Find(name);
        return descriptor.Passes.Of(descriptor.Bind(options), units);
    }
}
