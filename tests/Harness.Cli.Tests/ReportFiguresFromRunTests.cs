using System.Text.Json;

namespace Harness.Cli.Tests;

/// <summary>A run made by `harness run` reports AT2 Fig. 5 (answer F1 against kept sources, with the
/// unpruned and oracle contexts) and ReAGent's curves over its update steps (a grid over max_steps).</summary>
[TestFixture]
[Fast]
public sealed class ReportFiguresFromRunTests
{
    [Test]
    public void Pruning_and_reagent_step_curves_come_from_the_run()
    {
        using var files = new ExperimentFiles();
        var experiment = files.Write("""
            output: run
            models:
              - {name: tiny, path: MODEL}
            datasets:
              - {name: qa, reader: synthetic, task: multi_passage_qa, sample: 2, unit: sentence}
            attributors:
              - saliency
              - {name: reagent, options: {replacer: uniform, chains: 2}, grid: {max_steps: [1, 3]}}
            metrics:
              - soft_ns
              - {name: context_pruning, options: {ks: [1, 2], max_new_tokens: 2}}

            """);
        var run = CommandResult.Of("run", experiment);
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        var folder = Path.Combine(files.Folder, "run");

        var report = CommandResult.Of("report", folder);
        Assert.That(report.ExitCode, Is.EqualTo(0), report.Error);

        var figures = Path.Combine(folder, "report", "figures");
        using var pruning = JsonDocument.Parse(File.ReadAllText(Path.Combine(figures, "pruning_qa.json")));
        var rows = pruning.RootElement.GetProperty("points").EnumerateArray().ToList();
        Assert.That(rows.Select(r => r.GetProperty("attributor").GetString()).Distinct(),
            Is.SupersetOf(new[] { "saliency", "(unpruned)", "(oracle)" }));
        Assert.That(rows.Select(r => r.GetProperty("x").GetDouble()).Distinct().Order(), Is.EqualTo(new[] { 1.0, 2.0 }));
        Assert.That(pruning.RootElement.GetProperty("x_axis").GetProperty("title").GetString(), Is.EqualTo("Kept sources k (count)"));
        Assert.That(new FileInfo(Path.Combine(figures, "pruning_qa.png")).Length, Is.GreaterThan(1000));

        using var steps = JsonDocument.Parse(File.ReadAllText(Path.Combine(figures, "reagent_steps_qa.json")));
        var points = steps.RootElement.GetProperty("points").EnumerateArray().ToList();
        Assert.That(points.Where(p => p.GetProperty("metric").GetString() == "soft_ns").Select(p => p.GetProperty("x").GetDouble()),
            Is.EqualTo(new[] { 1.0, 3.0 }), "one point per max_steps");
    }
}
