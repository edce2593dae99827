using Harness.Data.Segmentation;
using Harness.Experiments.Grid;
using Harness.Experiments.Schema;
using Harness.Experiments.Validation;
using Harness.Experiments.Yaml;

namespace Harness.Experiments.Tests;

/// <summary>An experiment file becomes the grid it describes: anchors and merge keys, shorthand
/// names, option grids, filters, defaults and paths relative to the file.</summary>
[TestFixture]
[Fast]
public sealed class ExperimentYamlTests
{
    private const string Full = """
        name: demo
        output: out/demo
        seeds: [0, 7]
        batch_size: 4
        x-defaults: &data {reader: synthetic, sample: 5, seed: 3}
        models:
          - {name: tiny, path: MODEL, dtype: float32}
        datasets:
          - {name: kv, task: key_value_recall, <<: *data}
          - {name: qa, task: multi_passage_qa, <<: *data, target: span, unit: sentence}
        attributors:
          - random
          - name: integrated_gradients
            options: {method: gauss_legendre}
            grid: {steps: [8, 16]}
          - {name: occlusion, label: loo}
        metrics:
          - soft_ns
          - {name: aopc_comprehensiveness, options: {thresholds: [1, 10]}}
        exclude:
          - {dataset: qa, attributor: loo}
        """;

    [Test]
    public void A_full_experiment_reads_into_its_grid()
    {
        using var files = new ExperimentFiles();
        var spec = ExperimentYaml.Load(files.Write(Full));

        Assert.That(spec.Name, Is.EqualTo("demo"));
        Assert.That(spec.Output, Is.EqualTo(Path.Combine(files.Folder, "out", "demo")), "relative to the experiment file");
        Assert.That(spec.Seeds, Is.EqualTo(new ulong[] { 0, 7 }));
        Assert.That(spec.BatchSize, Is.EqualTo(4));
        Assert.That(spec.Datasets[1], Has.Property("Task").EqualTo("multi_passage_qa").And.Property("Sample").EqualTo(5)
            .And.Property("Seed").EqualTo(3UL).And.Property("Target").EqualTo(TargetMode.Span).And.Property("Unit").EqualTo(SourceUnit.Sentence));
        Assert.That(spec.Datasets[0].Split, Is.EqualTo("test"), "synthetic tasks are evaluated on their held-out stream");
        Assert.That(spec.Attributors.Select(a => a.Label),
            Is.EqualTo(new[] { "random", "integrated_gradients[steps=8]", "integrated_gradients[steps=16]", "loo" }));
        Assert.That(spec.Attributors[2].Options, Is.EquivalentTo(new Dictionary<string, string> { ["method"] = "gauss_legendre", ["steps"] = "16" }));
        Assert.That(spec.Metrics[1].Options["thresholds"], Is.EqualTo("1,10"), "lists bind as comma-separated values");
        Assert.That(ExperimentValidator.Check(spec), Is.Empty);

        var cells = GridExpander.Cells(spec);
        Assert.That(cells, Has.Count.EqualTo(2 * 2 * 4 - 2), "2 datasets x 2 seeds x 4 attributors, less loo on qa for both seeds");
        Assert.That(cells.Select(c => c.Id), Is.Unique);
        Assert.That(cells[0].Id, Is.EqualTo("tiny/kv/random/seed=0"));
        Assert.That(cells.Select(c => c.Model.Name).Distinct().ToList(), Has.Count.EqualTo(1));
    }

    [Test]
    public void Only_keeps_the_cells_it_names()
    {
        using var files = new ExperimentFiles();
        var spec = ExperimentYaml.Load(files.Write(Full.Replace("exclude:", "only:").Replace("{dataset: qa, attributor: loo}", "{attributor: integrated_gradients}")));

        var cells = GridExpander.Cells(spec);

        Assert.That(cells.Select(c => c.Attributor.Name).Distinct(), Is.EqualTo(new[] { "integrated_gradients" }), "a name matches every variant of its grid");
        Assert.That(cells, Has.Count.EqualTo(2 * 2 * 2));
    }

    [Test]
    public void Seeds_default_to_zero_and_a_single_seed_needs_no_list()
    {
        using var files = new ExperimentFiles();
        const string minimal = "models: [{path: MODEL}]\ndatasets: [{reader: synthetic, task: key_value_recall, sample: 1}]\nattributors: [random]\nmetrics: [plausibility]\n";
        Assert.That(ExperimentYaml.Load(files.Write(minimal)).Seeds, Is.EqualTo(new ulong[] { 0 }));
        Assert.That(ExperimentYaml.Load(files.Write("seeds: 5\n" + minimal)).Seeds, Is.EqualTo(new ulong[] { 5 }));
    }
}
