using Harness.Evaluation;
using Harness.Evaluation.ContextAttribution;

namespace Harness.Reporting.Figures;

/// <summary>
/// Axis titles that name the quantity and its unit (a metric's own title is in its descriptor; spec/metrics.md defines
/// each), so a figure taken out of the report still says what it plots.
/// </summary>
public static class AxisTitles
{
    /// <summary>x axis of the pi-Soft curves: the keep probability's π.</summary>
    public const string KeepFraction = "Keep fraction π (share of sources)";

    /// <summary>x axis of the AOPC curves: the share of sources removed or kept.</summary>
    public const string Threshold = "Threshold k (% of sources)";

    /// <summary>x axis of AT2's context pruning curve: the number of top sources kept.</summary>
    public const string KeptSources = "Kept sources k (count)";

    /// <summary>x axis of ReAGent's metrics over its number of update steps.</summary>
    public const string ReAgentSteps = "ReAGent max_steps (update steps)";

    /// <summary>x axis of the cost-faithfulness figure.</summary>
    public const string WallTime = "Wall time per attribution (ms, log scale)";

    /// <summary>The value axis of a metric: its descriptor's title; a metric without one keeps its name (no unit is invented for it).</summary>
    public static string Metric(string metric) => MetricRegistry.TryFind(metric)?.AxisTitle ?? metric;

    /// <summary>The value axis of a paper-table column drawn as bars: ReAGent's entries are log ratios to the random
    /// attributor; AT2's carry the unit of their metric.</summary>
    public static string TableColumn(string tableId, string header) => tableId switch
    {
        _ when tableId.StartsWith("reagent_", StringComparison.Ordinal) => $"{header}: log(mean / mean of random)",
        _ when header == "LDS" => Metric(Lds.MetricName),
        _ when header.StartsWith("Top-", StringComparison.Ordinal) => $"{header} (Δ logit-probability)",
        _ => header,
    };
}
