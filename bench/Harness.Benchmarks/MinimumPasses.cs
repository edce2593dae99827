using Harness.Evaluation;

namespace Harness.Benchmarks;

/// <summary>The fewest forward passes (sequences) a metric's definition needs for one example with default options, a
/// one-token target, the whole 64-token context attributed and no example memo (what <see cref="MetricBenchmarks"/>
/// runs): the yardstick of the "Min" and "Used/Min" columns. Read from each metric's descriptor (its pass rule, counted
/// from the definition, not from our code), the same rule `harness run --dry-run` sums, so an extra pass shows as a ratio
/// above 1 and the two cannot disagree.</summary>
public static class MinimumPasses
{
    /// <summary>The context the metric benchmarks attribute: 64 tokens, one unit each.</summary>
    public const int Units = 64;

    /// <summary>One row: the metric, the count, the formula it comes from and where the definition is.</summary>
    public sealed record Row(string Metric, int Passes, string Formula, string Source);

    /// <summary>Every registered metric's row.</summary>
    public static IReadOnlyList<Row> Table => MetricRegistry.Entries.Select(d => For(d.Name)!).ToList();

    /// <summary>The row of <paramref name="metric"/>; null when no metric has that name.</summary>
    public static Row? For(string metric) => MetricRegistry.TryFind(metric) is { } d
        ? new Row(d.Name, (int)Math.Round(d.Passes.Of(null, Units).Forward), d.Passes.Formula, d.Passes.Source)
        : null;
}
