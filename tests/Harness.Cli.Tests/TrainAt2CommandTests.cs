using System.Text.Json;
using Harness.Attribution.Core;
using Harness.Attribution.Methods;
using Harness.Data.Segmentation;
using Harness.Experiments.Running;
using Harness.Models;
using Harness.Models.Tokenization;
using Harness.Scoring;

namespace Harness.Cli.Tests;

/// <summary>`harness train-at2` trains what At2Trainer trains on the same examples and saves it where
/// `harness attribute --method at2 --at2-estimator` reads it; bad input fails with exit code 2.</summary>
[TestFixture]
[Fast]
public sealed class TrainAt2CommandTests
{
    private static string Gpt2Fixture => SharedFolder.Combine("fixtures", "hf-parity", "gpt2");

    private static readonly (long[] Context, long[] Target)[] Examples =
    [
        ([5, 17, 42, 88, 23, 61], [9]),
        ([74, 33, 50, 12, 5, 17, 42], [88, 23]),
        ([61, 9, 74, 33], [50]),
    ];

    private string folder = null!;

    [SetUp]
    public void CreateFolder()
    {
        folder = Path.Combine(Path.GetTempPath(), $"harness-cli-at2-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    private string WriteExamples(params string[] lines)
    {
        var path = Path.Combine(folder, "train.jsonl");
        File.WriteAllLines(path, lines);
        return path;
    }

    private static string Line((long[] Context, long[] Target) e) =>
        $"{{\"context_ids\": [{string.Join(", ", e.Context)}], \"target_ids\": [{string.Join(", ", e.Target)}]}}";

    [Test]
    public void The_saved_estimator_is_the_trainer_s_and_attribute_scores_with_it()
    {
        var examples = WriteExamples(Examples.Select(Line).ToArray());
        var output = Path.Combine(folder, "at2");
        var trained = CommandResult.Of("train-at2", Gpt2Fixture, "--examples", examples, "--out", output, "--iterations", "20", "--masks", "8", "--seed", "3");
        Assert.That(trained.ExitCode, Is.EqualTo(0), trained.Error);

        using var model = ModelLoader.Load(Gpt2Fixture);
        var requests = Examples.Select(e => new AttributionRequest(model, e.Context,
            e.Target.Length == 1 ? new AttributionTarget.Token(e.Target[0]) : new AttributionTarget.Span(e.Target))).ToList();
        var expected = new At2Trainer(new At2Options { Iterations = 20, Masks = 8, Seed = 3 })
            .Train(new At2TrainingSet(Gpt2Fixture, "train", SourceUnit.Token, requests));
        var saved = At2Estimator.Load(output);
        Assert.That(saved.Theta, Is.EqualTo(expected.Theta));
        Assert.That((saved.Model, saved.Dataset, saved.Seed), Is.EqualTo((Gpt2Fixture, "train", 3UL)));

        var attributed = CommandResult.Of("attribute", Gpt2Fixture, "--ids", "5,17,42,88,23", "--target-id", "7", "--method", "at2", "--at2-estimator", output, "--json");
        Assert.That(attributed.ExitCode, Is.EqualTo(0), attributed.Error);
        using var printed = JsonDocument.Parse(attributed.Output);
        var scores = printed.RootElement.GetProperty("rows")[0].GetProperty("scores").EnumerateArray().Select(s => s.GetSingle());
        var direct = new At2(expected).Attribute(new AttributionRequest(model, [5, 17, 42, 88, 23], new AttributionTarget.Token(7)));
        Assert.That(scores, Is.EqualTo(direct.Scores));
    }

    [Test]
    public void A_response_split_into_targets_trains_on_each_target_after_the_earlier_ones()
    {
        var examples = WriteExamples("{\"context_ids\": [5, 17, 42, 88], \"targets\": [[9, 61], [23]]}", Line(Examples[2]));
        var output = Path.Combine(folder, "at2");
        var trained = CommandResult.Of("train-at2", Gpt2Fixture, "--examples", examples, "--out", output, "--iterations", "10", "--masks", "8");
        Assert.That(trained.ExitCode, Is.EqualTo(0), trained.Error);

        using var model = ModelLoader.Load(Gpt2Fixture);
        IReadOnlyList<AttributionRequest> split =
        [
            new AttributionRequest(model, [5, 17, 42, 88], new AttributionTarget.Span([9, 61])),
            new AttributionRequest(model, [5, 17, 42, 88, 9, 61], new AttributionTarget.Token(23)) { Region = 0..4 },
        ];
        IReadOnlyList<AttributionRequest> whole = [new AttributionRequest(model, Examples[2].Context, new AttributionTarget.Token(Examples[2].Target[0]))];
        var expected = new At2Trainer(new At2Options { Iterations = 10, Masks = 8 })
            .Train(new At2TrainingSet(Gpt2Fixture, "train", SourceUnit.Token, [split, whole]));
        Assert.That(At2Estimator.Load(output).Theta, Is.EqualTo(expected.Theta));
    }

    [Test]
    public void A_runs_frozen_targets_are_the_examples_split_as_at2s_trainer_splits_them()
    {
        using var files = new ExperimentFiles();
        var tiny = RepositoryFolder.Combine("experiments", "models", "tiny-gpt2");
        var experiment = files.Write($$"""
            output: train
            models:
              - {name: tiny, path: {{tiny}}}
            datasets:
              - {name: mpqa, reader: synthetic, task: multi_passage_qa, sample: 2, seed: 1}
              - {name: mpqa_steps, reader: synthetic, task: multi_passage_qa, sample: 1, seed: 1, target: sequence, max_new_tokens: 3}
            attributors: [random]
            metrics: [plausibility]
            """);
        var run = CommandResult.Of("run", experiment);
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        var runFolder = Path.Combine(files.Folder, "train");
        var output = Path.Combine(folder, "at2");

        var trained = CommandResult.Of("train-at2", tiny, "--from-run", runFolder, "--dataset", "mpqa", "--out", output, "--iterations", "5", "--masks", "4");

        Assert.That(trained.ExitCode, Is.EqualTo(0), trained.Error);
        using var model = ModelLoader.Load(tiny);
        var tokenizer = Tokenizer.FromFile(Path.Combine(tiny, "tokenizer.json"));
        var examples = At2TrainingExamples.FrozenItems(runFolder, "mpqa", model: null).Select(item => At2TrainingExamples.Requests(item, model, tokenizer)).ToList();
        var expected = new At2Trainer(new At2Options { Iterations = 5, Masks = 4 }).Train(new At2TrainingSet(tiny, "mpqa", SourceUnit.Token, examples));
        var saved = At2Estimator.Load(output);
        Assert.That((saved.Theta, saved.Dataset), Is.EqualTo((expected.Theta, "mpqa")));

        // A dataset the run did not freeze, one frozen as generation steps, and another tokenizer (GPT-2's beside the
        // tiny model's weights): exit 2, naming the run.
        var otherTokenizer = Path.Combine(folder, "tiny-with-gpt2-tokenizer");
        Directory.CreateDirectory(otherTokenizer);
        foreach (var file in new[] { "config.json", "model.safetensors" }) File.Copy(Path.Combine(tiny, file), Path.Combine(otherTokenizer, file));
        File.Copy(SharedFolder.Combine("fixtures", "tokenizers", "gpt2", "tokenizer.json"), Path.Combine(otherTokenizer, "tokenizer.json"));
        var refusals = new (string Model, string Dataset, string Message)[]
        {
            (tiny, "nope", "froze no targets for dataset 'nope'"),
            (tiny, "mpqa_steps", "froze generation steps"),
            (otherTokenizer, "mpqa", "do not encode to the item's ids"),
        };
        foreach (var (other, name, message) in refusals)
        {
            var refused = CommandResult.Of("train-at2", other, "--from-run", runFolder, "--dataset", name, "--out", output, "--split-target", "none");
            Assert.That(refused.ExitCode, Is.EqualTo(2), $"{name}: {refused.Error}");
            Assert.That(refused.Error, Does.Contain($"--from-run {runFolder}: ").And.Contain(message));
        }
    }

    [TestCase("", "exactly one of --examples FILE and --from-run RUN")]
    [TestCase("--from-run run --examples x.jsonl", "exactly one of --examples FILE and --from-run RUN")]
    [TestCase("--from-run run", "--from-run needs --dataset NAME")]
    [TestCase("--examples x.jsonl --dataset d", "--dataset, --run-model and --split-target are for --from-run")]
    [TestCase("--examples x.jsonl --split-target none", "--dataset, --run-model and --split-target are for --from-run")]
    [TestCase("--from-run run --dataset d --split-target word", "--split-target must be 'sentence' or 'none'")]
    public void Examples_from_both_sources_or_neither_or_a_bad_split_are_refused(string options, string message) =>
        AssertRefused(options.Split(' ', StringSplitOptions.RemoveEmptyEntries), message);

    private void AssertRefused(string[] options, string message)
    {
        var result = CommandResult.Of(["train-at2", Gpt2Fixture, "--out", Path.Combine(folder, "at2"), .. options]);
        Assert.That(result.ExitCode, Is.EqualTo(2), result.Output);
        Assert.That(result.Error, Does.Contain(message));
    }

    [Test]
    public void A_bad_example_line_fails_naming_file_and_line()
    {
        var examples = WriteExamples(Line(Examples[0]), "{\"context_ids\": [1, 2]}");
        var result = CommandResult.Of("train-at2", Gpt2Fixture, "--examples", examples, "--out", Path.Combine(folder, "at2"));
        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("train.jsonl:2").And.Contain("target_ids"));
    }

    [Test]
    public void A_line_with_both_target_ids_and_targets_is_refused()
    {
        var examples = WriteExamples("{\"context_ids\": [1, 2], \"target_ids\": [3], \"targets\": [[3]]}");
        var result = CommandResult.Of("train-at2", Gpt2Fixture, "--examples", examples, "--out", Path.Combine(folder, "at2"));
        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("train.jsonl:1").And.Contain("not both"));
    }

    [Test]
    public void At2_without_an_estimator_fails_saying_how_to_train_one()
    {
        var result = CommandResult.Of("attribute", Gpt2Fixture, "--ids", "5,17,42", "--target-id", "7", "--method", "at2");
        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("trained estimator").And.Contain("harness train-at2"));
    }
}
