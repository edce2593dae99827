namespace Harness.Reporting.Results;

/// <summary>The unit a table averages over (spec/metrics.md sections 1 and 2): every attributed target
/// (token level), or each prompt's mean over its generated positions (sequence level).</summary>
public enum AggregationLevel
{
    /// <summary>Every attributed target counts once.</summary>
    Token,
    /// <summary>Each prompt counts once, with its mean over its generated positions.</summary>
    Sequence,
}
