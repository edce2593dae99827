using Harness.Evaluation.Statistics;

namespace Harness.Reporting.Results;

/// <summary>
/// Per-unit values of one metric for one model x dataset x attributor, pooled over seeds, and the
/// statistics the tables print: the mean with a percentile bootstrap interval, and the log ratio to the
/// random attributor with its paired bootstrap interval (spec/metrics.md section 2). A unit is
/// (seed, example, step) at token level and (seed, example) at sequence level, keyed "seed/example#step"
/// and "seed/example#*"; missing values (NaN) are dropped before averaging, never averaged in (section 8).
/// </summary>
internal static class MetricSamples
{
    /// <summary>Source: spec/metrics.md section 2 (1000 resamples, 95%, seeded).</summary>
    public const int Resamples = RandomBaselineRatio.DefaultResamples;

    public const double Level = 0.95;

    /// <summary>The step part of a sequence-level unit key: the prompt's mean over all its generated positions.</summary>
    private const string AllSteps = "*";

    /// <summary>Seed of every bootstrap in a report, so a report is reproducible bit for bit.</summary>
    public const ulong BootstrapSeed = 20240601;

    /// <summary>The first metric label of the run measuring <paramref name="metric"/> (a run may evaluate a metric
    /// under several labels with different options; tables show the first).</summary>
    public static string? LabelOf(RunResults run, string metric) => run.Metrics.FirstOrDefault(m => m.Metric == metric)?.Label;

    /// <summary>Unit key -> value of <paramref name="select"/> for the cells of model x dataset x attributor.</summary>
    public static IReadOnlyDictionary<string, double> Values(
        RunResults run, string model, string dataset, string attributor, string metricLabel, AggregationLevel level, Func<MetricRecord, double>? select = null)
    {
        select ??= m => m.Value;
        var cells = run.Cells.Where(c => c.Done && c.Model == model && c.Dataset == dataset && c.Attributor == attributor)
            .ToDictionary(c => c.CellId, c => c.Seed, StringComparer.Ordinal);
        var rows = run.Metrics.Where(m => m.Label == metricLabel && cells.ContainsKey(m.CellId));
        return level == AggregationLevel.Token
            ? rows.ToDictionary(m => $"{cells[m.CellId]}/{m.ItemKey}", select, StringComparer.Ordinal)
            : rows.GroupBy(m => $"{cells[m.CellId]}/{m.ExampleId}#{AllSteps}", StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => FiniteMean(g.Select(select)), StringComparer.Ordinal);
    }

    /// <summary>The example of a unit key ("seed/example#step" or "seed/example#*"): what the tables count as n and
    /// pair two attributors by, whatever the seed and generated position.</summary>
    public static string ExampleOf(string unitKey) => unitKey[(unitKey.IndexOf('/', StringComparison.Ordinal) + 1)..unitKey.LastIndexOf('#')];

    /// <summary>Mean with its percentile bootstrap interval; NaN when no value is finite.</summary>
    public static ConfidenceInterval Mean(IReadOnlyDictionary<string, double> values)
    {
        var finite = values.Values.Where(double.IsFinite).ToArray();
        return PairedBootstrap.Interval(new PairedValues(finite, finite), (a, _) => a.Average(), BootstrapSeed, Resamples, Level);
    }

    /// <summary>log(mean / mean of random) over the units both have, with the paired bootstrap interval.</summary>
    public static ConfidenceInterval RandomRatio(IReadOnlyDictionary<string, double> values, IReadOnlyDictionary<string, double> random)
    {
        var keys = values.Keys.Where(random.ContainsKey).Order(StringComparer.Ordinal).ToArray();
        var pairs = new PairedValues(keys.Select(k => values[k]).ToArray(), keys.Select(k => random[k]).ToArray());
        return RandomBaselineRatio.Estimate(pairs, BootstrapSeed, Resamples, Level);
    }

    /// <summary>The mean of the finite values, NaN when there are none.</summary>
    public static double FiniteMean(IEnumerable<double> values)
    {
        var finite = values.Where(double.IsFinite).ToArray();
        return finite.Length == 0 ? double.NaN : finite.Average();
    }
}
