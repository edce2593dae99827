using Harness.Reporting.Results;
using Microsoft.Data.Analysis;

namespace Harness.Reporting.Export;

/// <summary>
/// A run's results as Microsoft.Data.Analysis DataFrames for .NET notebooks (DESIGN.md's package; issue 24, item 5),
/// with the Parquet export's column names, so pandas and .NET code read alike:
/// <code>
/// #r "nuget: Microsoft.Data.Analysis"
/// var values = RunFrames.MetricValues("results/runs/quickstart");
/// var softNs = values.Filter(values["metric"].ElementwiseEquals("soft_ns"));
/// softNs.GroupBy("attributor").Mean("value");
/// </code>
/// Each method loads the run folder's result store (read-only); the overloads taking a loaded run share one load.
/// </summary>
public static class RunFrames
{
    /// <summary>One row per metric value and part (<see cref="MetricValueRow"/>); value null where flagged, flags comma-joined.</summary>
    public static DataFrame MetricValues(string runFolder) => MetricValues(RunResults.Load(runFolder));

    /// <summary>As <see cref="MetricValues(string)"/>, from a run already loaded.</summary>
    public static DataFrame MetricValues(RunResults run)
    {
        var rows = RunRows.MetricValues(run);
        return new DataFrame(
        [
            .. Keys(rows.Select(r => (r.RunId, r.CellId, r.Model, r.Dataset, r.Attributor, r.Method, r.Seed, r.ExampleId, r.Step)).ToList()),
            new StringDataFrameColumn("metric", rows.Select(r => r.Metric)),
            new StringDataFrameColumn("metric_name", rows.Select(r => r.MetricName)),
            new StringDataFrameColumn("part", rows.Select(r => r.Part)),
            new DoubleDataFrameColumn("value", rows.Select(r => r.Value)),
            new StringDataFrameColumn("flags", rows.Select(r => string.Join(",", r.Flags))),
        ]);
    }

    /// <summary>One row per attribution: its target and cost (<see cref="AttributionRow"/> without tokens and scores, with their count).</summary>
    public static DataFrame Attributions(string runFolder) => Attributions(RunResults.Load(runFolder));

    /// <summary>As <see cref="Attributions(string)"/>, from a run already loaded.</summary>
    public static DataFrame Attributions(RunResults run)
    {
        var rows = RunRows.Attributions(run);
        return new DataFrame(
        [
            .. Keys(rows.Select(r => (r.RunId, r.CellId, r.Model, r.Dataset, r.Attributor, r.Method, r.Seed, r.ExampleId, r.Step)).ToList()),
            new StringDataFrameColumn("target", rows.Select(r => r.Target)),
            new Int32DataFrameColumn("sources", rows.Select(r => r.Scores.Length)),
            new DoubleDataFrameColumn("wall_ms", rows.Select(r => r.WallMilliseconds)),
            new Int64DataFrameColumn("forward_passes", rows.Select(r => r.ForwardPasses)),
            new Int64DataFrameColumn("backward_passes", rows.Select(r => r.BackwardPasses)),
        ]);
    }

    /// <summary>One row per attribution and source, long format (a DataFrame has no list column): source index, token, score.</summary>
    public static DataFrame Scores(string runFolder) => Scores(RunResults.Load(runFolder));

    /// <summary>As <see cref="Scores(string)"/>, from a run already loaded.</summary>
    public static DataFrame Scores(RunResults run)
    {
        var rows = RunRows.Attributions(run)
            .SelectMany(a => a.Scores.Select((score, i) => (Attribution: a, Source: i, Token: a.Tokens[i], Score: score))).ToList();
        return new DataFrame(
        [
            .. Keys(rows.Select(r => (r.Attribution.RunId, r.Attribution.CellId, r.Attribution.Model, r.Attribution.Dataset, r.Attribution.Attributor,
                r.Attribution.Method, r.Attribution.Seed, r.Attribution.ExampleId, r.Attribution.Step)).ToList()),
            new Int32DataFrameColumn("source", rows.Select(r => r.Source)),
            new StringDataFrameColumn("token", rows.Select(r => r.Token)),
            new SingleDataFrameColumn("score", rows.Select(r => r.Score)),
        ]);
    }

    /// <summary>The columns every frame starts with: which run, cell and attribution a row belongs to.</summary>
    private static DataFrameColumn[] Keys(
        IReadOnlyList<(string RunId, string CellId, string Model, string Dataset, string Attributor, string Method, ulong Seed, string ExampleId, int Step)> keys) =>
    [
        new StringDataFrameColumn("run_id", keys.Select(k => k.RunId)),
        new StringDataFrameColumn("cell_id", keys.Select(k => k.CellId)),
        new StringDataFrameColumn("model", keys.Select(k => k.Model)),
        new StringDataFrameColumn("dataset", keys.Select(k => k.Dataset)),
        new StringDataFrameColumn("attributor", keys.Select(k => k.Attributor)),
        new StringDataFrameColumn("method", keys.Select(k => k.Method)),
        new UInt64DataFrameColumn("seed", keys.Select(k => k.Seed)),
        new StringDataFrameColumn("example_id", keys.Select(k => k.ExampleId)),
        new Int32DataFrameColumn("step", keys.Select(k => k.Step)),
    ];
}
