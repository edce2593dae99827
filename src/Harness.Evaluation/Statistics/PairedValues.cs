namespace Harness.Evaluation.Statistics;

/// <summary>
/// One metric's values for an attributor and a comparison (the random baseline, or a second attributor)
/// on the same examples, paired by index. Pairs where either value is missing (NaN: flagged, degenerate,
/// unusable scores) are dropped and counted, never averaged in (spec/metrics.md section 8). For the
/// sequence-level protocol each value is a prompt's mean over its generated positions.
/// </summary>
public sealed record PairedValues
{
    public PairedValues(IReadOnlyList<double> values, IReadOnlyList<double> comparison)
    {
        if (values.Count != comparison.Count)
            throw new ArgumentException($"{values.Count} values paired with {comparison.Count} comparison values");
        var kept = Enumerable.Range(0, values.Count).Where(i => double.IsFinite(values[i]) && double.IsFinite(comparison[i])).ToArray();
        Values = kept.Select(i => values[i]).ToArray();
        Comparison = kept.Select(i => comparison[i]).ToArray();
        Dropped = values.Count - kept.Length;
    }

    public IReadOnlyList<double> Values { get; }

    public IReadOnlyList<double> Comparison { get; }

    /// <summary>Pairs left out because a value was NaN or infinite.</summary>
    public int Dropped { get; }

    public int Count => Values.Count;
}
