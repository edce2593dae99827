using System.Text.Json;
using Harness.Attribution.Core;
using Harness.Evaluation.Core;
using Harness.Evaluation.Soft;
using Harness.Data.Segmentation;
using Harness.Experiments.Grid;
using Harness.Experiments.Running;
using Harness.Experiments.Schema;
using Harness.Experiments.Store;
using Harness.Scoring;

namespace Harness.Reporting.Tests;

/// <summary>
/// A small fixed result store written through ResultStore's own API: 2 models (gpt2, llama) x 1 dataset
/// (wikibio, 12 prompts x 2 generation steps) x 4 attributors (random, saliency, integrated_gradients,
/// reagent), every metric the report reads. Values are closed-form in (model, attributor, example, step),
/// so attributor quality orders reagent > integrated_gradients > saliency > random on every metric. 12 prompts
/// let the tables' permutation test over examples reach p &lt; 0.05 after Holm's correction (with 6 its exact
/// smallest p is 2/2^6) and keep their intervals reliable (at least 10 examples).
/// </summary>
public static class FixtureRun
{
    public const string Dataset = "wikibio";

    public static readonly string[] Models = ["gpt2", "llama"];

    public static readonly string[] Attributors = ["random", "saliency", "integrated_gradients", "reagent"];

    public const int Examples = 12;

    public static readonly int[] Steps = [0, 2];

    public const int ContextLength = 5;

    /// <summary>A changed value for one cell and metric, to inject a regression: (model, attributor, metric label, value) -> new value.</summary>
    public delegate double Tweak(string model, string attributor, string metric, double value);

    /// <summary>Writes the run into <paramref name="folder"/> and returns the folder.</summary>
    /// <param name="examples">Prompts per model (<see cref="Examples"/> unless a test needs few).</param>
    /// <param name="plausibility">The options of a plausibility metric the run also records (value: the quality);
    /// null: no plausibility values, as the golden files expect.</param>
    /// <param name="modelRandomization">The options of a model_randomization metric the run also records (value: 1 for
    /// random, 1 - quality for the others); null: none.</param>
    public static string Create(
        string folder, Tweak? tweak = null, Func<string, string, double>? wallMs = null, Func<string, string, long>? forwardPasses = null, int examples = Examples,
        IReadOnlyDictionary<string, string>? plausibility = null, IReadOnlyDictionary<string, string>? modelRandomization = null)
    {
        tweak ??= (_, _, _, v) => v;
        wallMs ??= (_, attributor) => 100.0 * (Array.IndexOf(Attributors, attributor) + 1);
        forwardPasses ??= (_, attributor) => 1 + Array.IndexOf(Attributors, attributor) * 10;
        using var store = ResultStore.Open(folder);
        var provenance = new RunProvenance("fixture", "experiments/fixture.yaml", "name: fixture\n", new string('a', 64), "0123abc",
            "1.13.1", "10.0.0", "test-machine",
            Models.Select(m => new ModelProvenance(m, $"/models/{m}", "float32", "cpu", new Dictionary<string, string> { ["model.safetensors"] = new string('b', 64) })).ToList());
        var runId = store.BeginRun(provenance);
        var at = new SourcePosition("fixture.yaml", 1, 1);
        var dataset = new DatasetSpec(Dataset, "jsonl", "data.jsonl", null, "all", examples, 1, TargetMode.Sequence, 3, 2, SourceUnit.Token, at);
        foreach (var model in Models)
        {
            var items = Enumerable.Range(0, examples).SelectMany(e => Steps.Select(s => new EvaluationItem(
                $"e{e}", s, Enumerable.Range(0, ContextLength + s).Select(i => (long)(10 + i + e)).ToArray(), [(long)(50 + s)],
                0, ContextLength + s, null, null, [], null, "", Enumerable.Range(0, ContextLength + s).Select(_ => new[] { 0, 0 }).ToArray(), [], [], []))).ToList();
            store.SaveTargets(runId, model, Dataset, JsonSerializer.Serialize(items));
            var modelSpec = new ModelSpec(model, $"/models/{model}", "float32", "cpu", null, null, at);
            foreach (var attributor in Attributors)
            {
                var spec = new AttributorSpec(attributor, attributor, new Dictionary<string, string>(), at);
                var cell = new Cell(modelSpec, dataset, spec, 0);
                var attributions = items.Select(item => Attribution(model, attributor, item, tweak, wallMs, forwardPasses, plausibility, modelRandomization)).ToList();
                store.WriteCell(runId, new CellOutcome(cell, attributions, null, wallMs(model, attributor) * items.Count));
            }
        }

        return folder;
    }

    /// <summary>The closed form: quality grows with the attributor's index, the model adds an offset, examples jitter.</summary>
    public static double Quality(string model, string attributor, int example, int step) =>
        0.2 + 0.1 * Array.IndexOf(Attributors, attributor) + 0.05 * Array.IndexOf(Models, model) + 0.01 * ((example * 7 + step * 3) % 5);

    private static StoredAttribution Attribution(
        string model, string attributor, EvaluationItem item, Tweak tweak, Func<string, string, double> wallMs, Func<string, string, long> forwardPasses,
        IReadOnlyDictionary<string, string>? plausibility, IReadOnlyDictionary<string, string>? modelRandomization)
    {
        var example = int.Parse(item.ExampleId[1..], System.Globalization.CultureInfo.InvariantCulture);
        var q = Quality(model, attributor, example, item.Step);
        var length = item.RegionEnd - item.RegionStart;
        var scores = Enumerable.Range(0, length).Select(i => (float)((i + 1) * q / length)).ToArray();
        var qy = 0.3 + 0.1 * ((example + item.Step) % 5);
        // Soft-NS/NC rows record the protocol and transform the metric resolved (reagent: none for random and reagent).
        var soft = new Dictionary<string, string> { ["protocol"] = "reagent", ["transform"] = attributor is "random" or "reagent" ? "none" : "softmax" };
        StoredMetricValue Metric(string name, double value, Dictionary<PartKey, double>? parts = null) =>
            new(name, name, name.StartsWith("soft_", StringComparison.Ordinal) ? soft : new Dictionary<string, string>(),
                tweak(model, attributor, name, value), parts ?? [], [], 4, 1.0);
        var metrics = new List<StoredMetricValue>
        {
            Metric("soft_ns", q, new() { [PartKey.Parse("s0")] = 0.1 }),
            Metric("soft_nc", q * q, new() { [PartKey.Parse("s0")] = 0.1 }),
            Metric("pi_soft_ns", q * 0.8, Enumerable.Range(1, 9).ToDictionary(i => PiSoftMetric.AtPi(i / 10.0), i => q * i / 10.0)),
            Metric("lds", q - 0.2),
            Metric("top_k_drop", q, new() { [PartKey.Parse("k=1")] = q, [PartKey.Parse("k=3")] = 2 * q, [PartKey.Parse("k=5")] = 3 * q }),
            Metric("aopc_sufficiency", 1 - q, new() { [PartKey.Parse("k=1")] = 1 - q, [PartKey.Parse("k=5")] = 0.9 - q, [PartKey.Parse("q_y")] = qy }),
            Metric("label_agreement", q > 0.35 ? 1 : 0),
        };
        if (plausibility is not null)
            metrics.Add(new StoredMetricValue("plausibility", "plausibility", plausibility, q, new Dictionary<PartKey, double>(), [], 0, 1.0));
        if (modelRandomization is not null)
            metrics.Add(new StoredMetricValue("model_randomization", "model_randomization", modelRandomization, attributor == "random" ? 1 : 1 - q,
                new Dictionary<PartKey, double>(), [], 4, 1.0));
        var cost = new CostRecord(TimeSpan.FromMilliseconds(wallMs(model, attributor)), forwardPasses(model, attributor), 0, 5, 0, "cpu", "float32");
        return new StoredAttribution(item.ExampleId, item.Step, item.TargetIds, scores, cost, new Dictionary<string, double>(), metrics);
    }
}
