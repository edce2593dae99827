namespace Harness.Reporting.Figures;

/// <summary>
/// Axis titles that name the quantity and its unit (spec/metrics.md and Harness.Evaluation's README define each), so a
/// figure taken out of the report still says what it plots.
/// </summary>
public static class AxisTitles
{
    private static readonly IReadOnlyDictionary<string, string> Metrics = new Dictionary<string, string>
    {
        ["soft_ns"] = "Soft-NS (normalised, 0-1)",
        ["soft_nc"] = "Soft-NC (normalised by 1 - S0)",
        ["pi_soft_ns"] = "π-Soft-NS (normalised, 0-1)",
        ["pi_soft_nc"] = "π-Soft-NC (normalised by 1 - S0)",
        ["aopc_comprehensiveness"] = "Comprehensiveness (Δ p(target))",
        ["aopc_sufficiency"] = "Sufficiency (Δ p(target))",
        ["top_k_drop"] = "Top-k drop (Δ logit-probability)",
        ["lds"] = "LDS (Spearman ρ)",
        ["context_pruning"] = "Answer F1 (0-1)",
        ["label_agreement"] = "Label agreement (fraction)",
        ["plausibility"] = "Average precision (0-1)",
    };

    public const string KeepFraction = "Keep fraction π (share of sources)";

    public const string Threshold = "Threshold k (% of sources)";

    public const string KeptSources = "Kept sources k (count)";

    public const string ReAgentSteps = "ReAGent max_steps (update steps)";

    public const string WallTime = "Wall time per attribution (ms, log scale)";

    /// <summary>The value axis of a metric; an unknown metric keeps its name (no unit is invented for it).</summary>
    public static string Metric(string metric) => Metrics.GetValueOrDefault(metric, metric);

    /// <summary>The value axis of a paper-table column drawn as bars: ReAGent's entries are log ratios to the random
    /// attributor; AT2's carry the unit of their metric.</summary>
    public static string TableColumn(string tableId, string header) => tableId switch
    {
        _ when tableId.StartsWith("reagent_", StringComparison.Ordinal) => $"{header}: log(mean / mean of random)",
        _ when header == "LDS" => Metric("lds"),
        _ when header.StartsWith("Top-", StringComparison.Ordinal) => $"{header} (Δ logit-probability)",
        _ => header,
    };
}
