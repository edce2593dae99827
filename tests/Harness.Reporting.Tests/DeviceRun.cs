using Harness.Attribution.Core;
using Harness.Evaluation.Core;
using Harness.Data.Segmentation;
using Harness.Experiments.Grid;
using Harness.Experiments.Running;
using Harness.Experiments.Schema;
using Harness.Experiments.Store;
using Harness.Scoring;

namespace Harness.Reporting.Tests;

/// <summary>
/// A one-cell result store (model tiny-gpt2 on a given device, dataset synthetic, attributor saliency, seed 0)
/// written through ResultStore's own API, for the cross-device comparison: each example carries the given
/// scores and one value per metric, with the metric's parts.
/// </summary>
public static class DeviceRun
{
    public const string CellId = "tiny-gpt2/synthetic/saliency/seed=0";

    /// <summary>One metric of the cell: its value on each example (as many as there are score vectors) and its parts on every example.</summary>
    public sealed record Metric(string Name, double[] Values, Dictionary<PartKey, double>? Parts = null);

    /// <summary>Writes the run into <paramref name="folder"/> and returns the folder.</summary>
    public static string Create(string folder, string device, IReadOnlyList<float[]> scores, params Metric[] metrics)
    {
        using var store = ResultStore.Open(folder);
        var model = new ModelProvenance("tiny-gpt2", "/models/tiny-gpt2", "float32", device, new Dictionary<string, string> { ["model.safetensors"] = new string('b', 64) });
        var runId = store.BeginRun(new RunProvenance("devices", "experiments/devices.yaml", "name: devices\n", new string('a', 64), "0123abc",
            "2.7.0", "10.0.0", "test-machine", [model]));
        var at = new SourcePosition("devices.yaml", 1, 1);
        var dataset = new DatasetSpec("synthetic", "synthetic", "", null, "test", scores.Count, 0, TargetMode.Token, 1, 1, SourceUnit.Token, at);
        var cell = new Cell(new ModelSpec("tiny-gpt2", "/models/tiny-gpt2", "float32", device, null, null, at), dataset,
            new AttributorSpec("saliency", "saliency", new Dictionary<string, string>(), at), 0);
        var cost = new CostRecord(TimeSpan.FromMilliseconds(100), 1, 1, 5, 0, device, "float32");
        var attributions = scores.Select((s, e) => new StoredAttribution($"e{e}", 0, [50], s, cost, new Dictionary<string, double>(),
            metrics.Select(m => new StoredMetricValue(m.Name, m.Name, new Dictionary<string, string>(), m.Values[e], m.Parts ?? [], [], 4, 1.0)).ToList())).ToList();
        store.WriteCell(runId, new CellOutcome(cell, attributions, null, 100 * scores.Count));
        return folder;
    }
}
