using Harness.Attribution;
using Harness.Attribution.Core;
using Harness.Experiments.Running;
using Harness.Experiments.Store;
using Harness.Experiments.Yaml;

namespace Harness.Experiments.Tests;

/// <summary>The runner packs the examples of a cell into shared forward passes for the methods that allow it (issue
/// 27, items 3 and 4), and every stored attribution equals the one the same attributor makes example by example.</summary>
[TestFixture]
[Fast]
public sealed class PackedCellTests
{
    private const string Grid = """
        output: run
        seeds: [4]
        batch_size: 16
        models:
          - {name: tiny, path: MODEL, dtype: float64}
        datasets:
          - {name: kv, reader: synthetic, task: key_value_recall, sample: 5, seed: 1}
        attributors:
          - {name: occlusion, options: {replacement_token_id: 0}}
          - {name: lime, options: {samples: 8, replacement_token_id: 0}}
          - {name: kernel_shap, options: {samples: 8, replacement_token_id: 0}}
          - {name: shapley_sampling, options: {permutations: 1, replacement_token_id: 0}}
          - {name: context_cite, options: {ablations: 8, replacement_token_id: 0}}
          - {name: reagent, options: {replacer: uniform, max_steps: 6, chains: 2, keep_top_n: 2}}
        metrics:
          - plausibility
        """;

    [Test]
    public void Packed_cells_store_the_scores_of_attributing_example_by_example_in_float64()
    {
        using var packedFiles = new ExperimentFiles();
        using var aloneFiles = new ExperimentFiles();
        var packedSpec = ExperimentYaml.Load(packedFiles.Write(Grid));
        var aloneSpec = ExperimentYaml.Load(aloneFiles.Write(Grid));

        var packed = new ExperimentRunner(new RecordingObserver()).Run(packedSpec, resume: false);
        var alone = new ExperimentRunner(new RecordingObserver(),
            (_, made) => new OneAtATime(made)).Run(aloneSpec, resume: false);

        Assert.That(packed.Failed + alone.Failed, Is.Zero, string.Join("\n", packed.Ran.Concat(alone.Ran).Select(o => o.Error)));
        var (packedScores, aloneScores) = (StoredScores(packedSpec.Output), StoredScores(aloneSpec.Output));
        Assert.That(packedScores.Keys, Is.EquivalentTo(aloneScores.Keys));
        Assert.That(packedScores.Keys.Select(k => k.Split('|')[0]).Distinct().Count(), Is.EqualTo(6), "every attributor's cell");
        using (var store = ResultStore.Open(packedSpec.Output))
            Assert.That(store.Query("SELECT diagnostics_json FROM attributions WHERE cell_id LIKE '%context_cite%'").Select(r => (string)r["diagnostics_json"]!).ToList(),
                Has.Count.EqualTo(5).And.All.Contains("\"text_ablation\":1"), "context_cite took the prompts' text apart, as ContextCite does");
        Assert.Multiple(() =>
        {
            foreach (var (key, scores) in aloneScores)
                Assert.That(packedScores[key], Is.EqualTo(scores).Within(1e-6 * Math.Max(1e-3, scores.Max(Math.Abs))), key);
        });
    }

    [Test]
    public void Packed_metric_values_equal_those_of_evaluating_example_by_example_in_float64()
    {
        // batch_size 16 packs 5 examples' top-k contexts (3 each) and 4 examples' LDS masks (4 each) into shared passes;
        // batch_size 2 leaves every metric one example a pack (and attributes without packing).
        const string metrics = """
            attributors:
              - {name: occlusion, options: {replacement_token_id: 0}}
              - saliency
            metrics:
              - top_k_drop
              - {name: lds, options: {masks: 4}}
              - soft_ns
            """;
        var grid = Grid[..Grid.IndexOf("attributors:", StringComparison.Ordinal)] + metrics;
        using var packedFiles = new ExperimentFiles();
        using var aloneFiles = new ExperimentFiles();
        var packedSpec = ExperimentYaml.Load(packedFiles.Write(grid));
        var aloneSpec = ExperimentYaml.Load(aloneFiles.Write(grid.Replace("batch_size: 16", "batch_size: 2", StringComparison.Ordinal)));

        var packed = new ExperimentRunner(new RecordingObserver()).Run(packedSpec, resume: false);
        var alone = new ExperimentRunner(new RecordingObserver()).Run(aloneSpec, resume: false);

        Assert.That(packed.Failed + alone.Failed, Is.Zero, string.Join("\n", packed.Ran.Concat(alone.Ran).Select(o => o.Error)));
        var (packedValues, aloneValues) = (StoredValues(packedSpec.Output), StoredValues(aloneSpec.Output));
        Assert.That(packedValues.Keys, Is.EquivalentTo(aloneValues.Keys));
        Assert.That(packedValues, Has.Count.EqualTo(2 * 5 * 3), "two cells of 5 examples, 3 metrics each");
        Assert.Multiple(() =>
        {
            foreach (var (key, (value, passes)) in aloneValues)
            {
                Assert.That(packedValues[key].Value, Is.EqualTo(value).Within(1e-9 * Math.Max(1, Math.Abs(value))), key);
                Assert.That(packedValues[key].Passes, Is.InRange(passes - 1, passes), $"{key}: its own rows (alone, a prefix cache may add a pass)");
            }
        });
    }

    [Test]
    public void A_pack_holding_an_item_a_metric_cannot_take_is_evaluated_item_by_item_and_flags_that_item_alone()
    {
        // The third item's attribution keeps one score for its several sources: every metric's run of it throws, so each of
        // its packs (5 items of top-k drop, 4 of LDS at batch_size 16) fails and is redone one item at a time.
        const string metrics = """
            attributors:
              - {name: occlusion, options: {replacement_token_id: 0}}
            metrics:
              - top_k_drop
              - {name: lds, options: {masks: 4}}
            """;
        var grid = Grid[..Grid.IndexOf("attributors:", StringComparison.Ordinal)] + metrics;
        using var brokenFiles = new ExperimentFiles();
        using var cleanFiles = new ExperimentFiles();
        var brokenSpec = ExperimentYaml.Load(brokenFiles.Write(grid));
        var cleanSpec = ExperimentYaml.Load(cleanFiles.Write(grid));

        var broken = new ExperimentRunner(new RecordingObserver(), (_, made) => new TruncatingThirdItem(made)).Run(brokenSpec, resume: false);
        new ExperimentRunner(new RecordingObserver()).Run(cleanSpec, resume: false);

        Assert.That(broken.Failed, Is.Zero, "a metric that cannot take an item does not end the cell");
        var (brokenValues, cleanValues) = (StoredValues(brokenSpec.Output), StoredValues(cleanSpec.Output));
        var flags = StoredFlags(brokenSpec.Output);
        var badExample = StoredScores(brokenSpec.Output).Single(a => a.Value.Length == 1).Key.Split('|')[1];
        Assert.That(brokenValues, Has.Count.EqualTo(5 * 2));
        Assert.Multiple(() =>
        {
            foreach (var (key, (value, _)) in brokenValues)
                if (key.Split('|')[1] == badExample)
                {
                    Assert.That(value, Is.NaN, key);
                    Assert.That(flags[key], Does.Contain(CellExecutor.MetricError.Name), key);
                }
                else
                {
                    Assert.That(flags[key], Does.Not.Contain(CellExecutor.MetricError.Name), key);
                    Assert.That(value, Is.EqualTo(cleanValues[key].Value).Within(1e-9 * Math.Max(1, Math.Abs(value))), $"{key}: as in the run where every pack succeeded");
                }
        });
    }

    private static Dictionary<string, string> StoredFlags(string output)
    {
        using var store = ResultStore.Open(output);
        return store.Query("SELECT cell_id, example_id, step, metric, flags FROM metric_values")
            .ToDictionary(r => $"{r["cell_id"]}|{r["example_id"]}|{r["step"]}|{r["metric"]}", r => Convert.ToString(r["flags"], System.Globalization.CultureInfo.InvariantCulture) ?? "");
    }

    private static Dictionary<string, (double Value, long Passes)> StoredValues(string output)
    {
        using var store = ResultStore.Open(output);
        return store.Query("SELECT cell_id, example_id, step, metric, value, forward_passes FROM metric_values")
            .ToDictionary(r => $"{r["cell_id"]}|{r["example_id"]}|{r["step"]}|{r["metric"]}", r => (r["value"] is null or DBNull ? double.NaN : Convert.ToDouble(r["value"], System.Globalization.CultureInfo.InvariantCulture), (long)r["forward_passes"]!));
    }

    private static Dictionary<string, float[]> StoredScores(string output)
    {
        using var store = ResultStore.Open(output);
        return store.Query("SELECT cell_id, example_id, step, scores FROM attributions")
            .ToDictionary(r => $"{r["cell_id"]}|{r["example_id"]}|{r["step"]}", r => ResultStore.Scores((byte[])r["scores"]!));
    }

    /// <summary>The attributor item by item, with the third item's scores cut to one (no metric can take them).</summary>
    private sealed class TruncatingThirdItem(IAttributor inner) : IAttributor
    {
        private int calls;

        public string Name => inner.Name;

        public AttributionResult Attribute(AttributionRequest request, CancellationToken cancellationToken = default)
        {
            var result = inner.Attribute(request, cancellationToken);
            return calls++ == 2 ? result with { Scores = result.Scores[..1] } : result;
        }
    }

    /// <summary>The attributor without its packing: the runner calls it item by item.</summary>
    private sealed class OneAtATime(IAttributor inner) : IAttributor
    {
        public string Name => inner.Name;

        public AttributionResult Attribute(AttributionRequest request, CancellationToken cancellationToken = default) => inner.Attribute(request, cancellationToken);
    }
}
