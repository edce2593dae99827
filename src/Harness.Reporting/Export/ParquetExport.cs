using Harness.Experiments.Outputs;
using Harness.Reporting.Results;
using Parquet.Serialization;

namespace Harness.Reporting.Export;

/// <summary>
/// `harness export --format parquet --out FILE` (issue 24, item 5): FILE holds one row per metric value and part
/// (<see cref="MetricValueRow"/>), typed (seed uint64, step int32, value a nullable double, flags a list of strings);
/// FILE's stem + ".attributions.parquet" beside it holds every attribution's tokens (list&lt;string&gt;) and scores
/// (list&lt;float&gt;) (<see cref="AttributionRow"/>). Written with Parquet.Net (Snappy); each file whole or not at all.
/// pandas: pd.read_parquet("FILE"); .NET: <see cref="RunFrames"/> or Parquet.Net.
/// </summary>
public static class ParquetExport
{
    /// <summary>The suffix that turns the metric file's name into the attributions file's (see <see cref="AttributionsPath"/>).</summary>
    public const string AttributionsSuffix = ".attributions.parquet";

    /// <summary>Where the attributions go for a metric file: "runs/q.parquet" -> "runs/q.attributions.parquet".</summary>
    public static string AttributionsPath(string metricsPath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(metricsPath))!, Path.GetFileNameWithoutExtension(metricsPath) + AttributionsSuffix);

    /// <summary>Writes both files; returns their row counts.</summary>
    public static (int MetricRows, int AttributionRows) Write(RunResults run, string metricsPath)
    {
        var metrics = RunRows.MetricValues(run);
        var attributions = RunRows.Attributions(run);
        Write(metrics, metricsPath);
        Write(attributions, AttributionsPath(metricsPath));
        return (metrics.Count, attributions.Count);
    }

    private static void Write<T>(IReadOnlyList<T> rows, string path) where T : class =>
        AtomicFile.WriteStream(path, stream =>
        {
            // The command line is synchronous; nothing here captures a synchronisation context to deadlock on.
            ParquetSerializer.SerializeAsync(rows, stream).GetAwaiter().GetResult();
            return rows.Count;
        });
}
