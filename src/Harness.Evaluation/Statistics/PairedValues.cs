namespace Harness.Evaluation.Statistics;

/// <summary>
/// One metric's values for an attributor and a comparison (the random baseline, or a second attributor)
/// on the same examples, paired by index. Pairs where either value is missing (NaN: flagged, degenerate,
/// unusable scores) are dropped and counted, never averaged in (spec/metrics.md section 8). For the
/// sequence-level protocol each value is a prompt's mean over its generated positions.
/// </summary>
public sealed record PairedValues
{
    /// <summary>Pairs <paramref name="values"/> with <paramref name="comparison"/> by index, dropping the non-finite ones.</summary>
    /// <exception cref="ArgumentException">The two lists differ in length.</exception>
    public PairedValues(IReadOnlyList<double> values, IReadOnlyList<double> comparison)
    {
        if (values.Count != comparison.Count)
            throw new ArgumentException($"{values.Count} values paired with {comparison.Count} comparison values");
        var kept = Enumerable.Range(0, values.Count).Where(i => double.IsFinite(values[i]) && double.IsFinite(comparison[i])).ToArray();
        Values = kept.Select(i => values[i]).ToArray();
        Comparison = kept.Select(i => comparison[i]).ToArray();
        Dropped = values.Count - kept.Length;
    }

    /// <summary>The attributor's values of the kept pairs.</summary>
    public IReadOnlyList<double> Values { get; }

    /// <summary>The comparison's values of the kept pairs, index for index with <see cref="Values"/>.</summary>
    public IReadOnlyList<double> Comparison { get; }

    /// <summary>Pairs left out because a value was NaN or infinite.</summary>
    public int Dropped { get; }

    /// <summary>Number of kept pairs.</summary>
    public int Count => Values.Count;
}
