namespace Harness.Evaluation.Plausibility;

/// <summary>Options of <see cref="PlausibilityMetric"/>. Source: spec/metrics.md section 6, and the code each
/// <see cref="PlausibilityProtocol"/> names.</summary>
public sealed record PlausibilityOptions
{
    /// <summary>ERASER's scores (the default) or ferret's (option `protocol`).</summary>
    public PlausibilityProtocol Protocol { get; init; } = PlausibilityProtocol.Eraser;

    /// <summary>How many top sources token-F1 and IOU take (option `top_k`, at least 1); null: the rationale's size
    /// under `eraser`, ferret's `top_k_rationale` default 5 under `ferret`.</summary>
    public int? TopK { get; init; }

    /// <summary>Negative scores count as 0 in the curves, and scores at or below 0 never enter the top k (option
    /// `only_positive`, ferret's `only_pos`); null: true under `ferret`, as its default, false under `eraser`.</summary>
    public bool? OnlyPositive { get; init; }
}
