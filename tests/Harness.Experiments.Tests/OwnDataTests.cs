using System.Text.Json;
using Harness.Experiments.Running;
using Harness.Experiments.Store;
using Harness.Experiments.Yaml;

namespace Harness.Experiments.Tests;

/// <summary>Users' own data (issue 24 item 6): experiments/own_data.yaml runs the committed example file through the
/// `jsonl` reader on the embedded tiny model, every kind of row becoming the item its README section promises.</summary>
[TestFixture]
[Fast]
public sealed class OwnDataTests
{
    private static readonly string ExampleFile = RepositoryFolder.Combine("experiments", "data", "example.jsonl");

    private static IReadOnlyList<EvaluationItem> Items(string runFolder)
    {
        using var store = ResultStore.Open(runFolder);
        return JsonSerializer.Deserialize<List<EvaluationItem>>((string)store.Query("SELECT items_json FROM targets").Single()["items_json"]!)!;
    }

    [Test]
    public void The_own_data_experiment_runs_every_row_of_the_example_file()
    {
        using var files = new ExperimentFiles();
        var spec = ExperimentYaml.Load(RepositoryFolder.Combine("experiments", "own_data.yaml")) with { Output = Path.Combine(files.Folder, "run") };

        var summary = new ExperimentRunner(new RecordingObserver()).Run(spec, resume: false);

        Assert.That(summary.Failed, Is.Zero, string.Join("\n", summary.Ran.Select(o => o.Error)));
        Assert.That(summary.Ran.Select(c => c.Attributions), Is.All.EqualTo(5));
        var items = Items(spec.Output).ToDictionary(i => i.ExampleId);
        var tokens = (EvaluationItem item, IEnumerable<int> positions) => positions.Select(p => item.Text[item.TokenSpans[p][0]..item.TokenSpans[p][1]]).ToList();

        Assert.That(items.Keys, Is.EqualTo(new[] { "price", "dance", "review", "where", "5" }));
        Assert.That(items["price"].TargetText, Is.EqualTo("nine"));
        Assert.That(tokens(items["price"], items["price"].Rationale), Is.EqualTo(new[] { "ring", "nine" }));
        Assert.That(items["dance"].TargetIds, Has.Length.EqualTo(1), "no target: the model's next token");
        Assert.That(items["review"].TargetText, Is.EqualTo("positive"));
        Assert.That(tokens(items["review"], Enumerable.Range(items["review"].RegionStart, items["review"].RegionEnd - items["review"].RegionStart)),
            Is.EqualTo("the film was wonderful and the music was superb .".Split(' ')));
        Assert.That(items["review"].LabelSet, Is.EqualTo(new[] { "positive", "negative" }));
        Assert.That(items["where"].SourceLabels, Is.EqualTo(new[] { "anna lives in london .", "ben works as a baker ." }));

        var preTokenized = items["5"];
        var ids = JsonDocument.Parse(File.ReadLines(ExampleFile).Last()).RootElement;
        Assert.That(preTokenized.ContextIds, Is.EqualTo(ids.GetProperty("ids").EnumerateArray().Select(i => i.GetInt64())), "the file's ids, not a re-encoding");
        Assert.That(preTokenized.TargetIds, Is.EqualTo(new long[] { 232 }));
        Assert.That(preTokenized.Text, Does.StartWith("the book costs nine . the pen costs two"));
        Assert.That(tokens(preTokenized, preTokenized.Rationale), Is.EqualTo(new[] { "nine" }));
    }

    [Test]
    public void Token_ids_outside_the_model_s_vocabulary_fail_naming_the_example()
    {
        using var files = new ExperimentFiles();
        // The fixture model has 97 tokens; the example file's ids are tiny-gpt2's.
        var spec = ExperimentYaml.Load(files.Write($$"""
            output: run
            models:
              - {name: fixture, path: MODEL}
            datasets:
              - {name: example, reader: jsonl, path: {{ExampleFile}}}
            attributors: [random]
            metrics: [plausibility]
            """));

        Assert.That(() => new ExperimentRunner(new RecordingObserver()).Run(spec, resume: false), Throws.TypeOf<ExperimentException>().With.Message
            .EqualTo($"{spec.File}:1:1: dataset 'example', model 'fixture': example '5': ids holds token id 329, outside the model's vocabulary (0 to 96)"));
    }

    [Test]
    public void A_region_with_no_sentence_fails_naming_the_example_before_any_cell()
    {
        using var files = new ExperimentFiles();
        var data = Path.Combine(files.Folder, "sums.jsonl");
        File.WriteAllText(data, """{"id": "sum", "text": "add : 12 + 30 =", "region": [6, 15]}""" + "\n");
        var spec = ExperimentYaml.Load(files.Write($$"""
            output: run
            models:
              - {name: tiny, path: {{RepositoryFolder.Combine("experiments", "models", "tiny-gpt2")}}}
            datasets:
              - {name: sums, reader: jsonl, path: {{data}}, unit: sentence}
            attributors: [random]
            metrics: [top_k_drop]
            """));

        Assert.That(() => new ExperimentRunner(new RecordingObserver()).Run(spec, resume: false), Throws.TypeOf<ExperimentException>().With.Message
            .Contains("example 'sum': unit: sentence finds no sentence in its region"));
    }
}
