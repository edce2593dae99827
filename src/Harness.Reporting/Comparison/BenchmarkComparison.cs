using System.Text.Json;

namespace Harness.Reporting.Comparison;

/// <summary>
/// Two sets of BenchmarkDotNet exports (folders holding *-report-full.json, searched recursively, as
/// results/bench/DATE/results/): benchmarks match by FullName (which includes the parameters); each regresses when its mean
/// time grew by more than the timing ratio threshold. A baseline benchmark the run lacks is a problem.
/// </summary>
public static class BenchmarkComparison
{
    /// <summary>The file name pattern of BenchmarkDotNet's full JSON export.</summary>
    public const string ExportPattern = "*-report-full.json";

    /// <summary>True when <paramref name="folder"/> holds BenchmarkDotNet full JSON exports and no result store.</summary>
    public static bool IsBenchmarkFolder(string folder) =>
        Directory.Exists(folder) && !File.Exists(Path.Combine(folder, Harness.Experiments.Store.ResultStore.FileName))
                                 && Directory.EnumerateFiles(folder, ExportPattern, SearchOption.AllDirectories).Any();

    /// <summary>Compares the benchmark means under <paramref name="runFolder"/> with those under <paramref name="baselineFolder"/>
    /// by the timing threshold of <paramref name="options"/>.</summary>
    public static ComparisonResult Compare(string runFolder, string baselineFolder, ComparisonOptions options)
    {
        options.Validate();
        var run = Means(runFolder);
        var timings = new List<TimingComparison>();
        var problems = new List<CellProblem>();
        foreach (var (name, baseNs) in Means(baselineFolder))
        {
            if (!run.TryGetValue(name, out var runNs))
            {
                problems.Add(new CellProblem(name, "missing from the run's benchmark exports"));
                continue;
            }

            var (runMs, baseMs) = (runNs / 1e6, baseNs / 1e6);
            // BenchmarkDotNet's means come from warmed-up, repeated measurements: no floor applies.
            timings.Add(new TimingComparison(name, runMs, baseMs, runMs / baseMs > options.TimingRatio));
        }

        if (timings.Count == 0) problems.Add(new CellProblem(baselineFolder, "nothing was compared: no baseline benchmark is in the run's exports"));
        return new ComparisonResult(Path.GetFullPath(runFolder), Path.GetFullPath(baselineFolder), options, [], timings, [], problems);
    }

    /// <summary>Benchmark FullName -> mean in nanoseconds, BenchmarkDotNet's unit in its JSON export.</summary>
    public static IReadOnlyDictionary<string, double> Means(string folder)
    {
        var means = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder, ExportPattern, SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var benchmark in document.RootElement.GetProperty("Benchmarks").EnumerateArray())
            {
                if (!benchmark.TryGetProperty("Statistics", out var statistics) || statistics.ValueKind != JsonValueKind.Object) continue;
                // FullName carries the parameters already: Type.Method(Param: "value").
                means[benchmark.GetProperty("FullName").GetString()!] = statistics.GetProperty("Mean").GetDouble();
            }
        }

        return means;
    }
}
