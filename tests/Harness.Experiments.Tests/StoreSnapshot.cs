using System.Runtime.InteropServices;
using Harness.Experiments.Store;

namespace Harness.Experiments.Tests;

/// <summary>What a run's store holds, without what legitimately differs between runs (timings, peak
/// memory, dates, run ids): cells with their status, and per attribution the scores and every metric's
/// value, parts and flags, in a fixed order. Two runs with the same results give equal snapshots.</summary>
public static class StoreSnapshot
{
    public static IReadOnlyList<string> Of(string runFolder)
    {
        using var store = ResultStore.Open(runFolder);
        var lines = new List<string>();
        foreach (var row in store.Query("SELECT cell_id, status, error FROM cells ORDER BY cell_id"))
            lines.Add($"cell {row["cell_id"]} {row["status"]} {row["error"]}");
        foreach (var row in store.Query("SELECT cell_id, example_id, step, target_ids_json, scores, forward_passes, backward_passes, tokens FROM attributions ORDER BY cell_id, example_id, step"))
            lines.Add($"attribution {row["cell_id"]} {row["example_id"]} {row["step"]} {row["target_ids_json"]} "
                + $"{Convert.ToHexString((byte[])row["scores"]!)} {row["forward_passes"]} {row["backward_passes"]} {row["tokens"]}");
        foreach (var row in store.Query("SELECT cell_id, example_id, step, metric, value, parts_json, flags FROM metric_values ORDER BY cell_id, example_id, step, metric"))
            lines.Add($"metric {row["cell_id"]} {row["example_id"]} {row["step"]} {row["metric"]} {(row["value"] is double v ? BitConverter.DoubleToInt64Bits(v) : "null")} {row["parts_json"]} {row["flags"]}");
        foreach (var row in store.Query("SELECT model, dataset, items_json FROM targets ORDER BY model, dataset"))
            lines.Add($"targets {row["model"]} {row["dataset"]} {row["items_json"]}");
        return lines;
    }

    /// <summary>Number of rows of a table.</summary>
    /// <summary>The first two rows where two snapshots differ, each pair one above the other: the message of an equality assertion.</summary>
    public static string FirstDifferences(IReadOnlyList<string> a, IReadOnlyList<string> b) =>
        string.Join("\n", a.Zip(b).Where(p => p.First != p.Second).Take(2).SelectMany(p => new[] { p.First, p.Second }));

    public static long Count(string runFolder, string table)
    {
        using var store = ResultStore.Open(runFolder);
        return (long)store.Query($"SELECT COUNT(*) AS n FROM {table}").Single()["n"]!;
    }
}
