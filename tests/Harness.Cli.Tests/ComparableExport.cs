using System.Text.Json.Nodes;
using Harness.Experiments.Store;

namespace Harness.Cli.Tests;

/// <summary>A run's JSONL export (every metric value with its flags, parts, options, and its attribution's target and
/// scores) without the cost and timing columns: what a sharded and merged run must share, bit for bit, with a
/// single-process one (scale-out issue, item 3).</summary>
public static class ComparableExport
{
    private static readonly string[] CostColumns = ["wall_ms", "forward_passes", "backward_passes", "tokens", "peak_memory_bytes"];

    public static IReadOnlyList<string> Of(string runFolder)
    {
        using var store = ResultStore.OpenReadOnly(runFolder);
        using var text = new StringWriter();
        ResultExporter.Jsonl(store, text);
        return text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
        {
            var row = JsonNode.Parse(line)!.AsObject();
            foreach (var column in CostColumns) row.Remove(column);
            return row.ToJsonString();
        }).ToList();
    }
}
