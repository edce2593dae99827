using System.Text.Json;
using Harness.Experiments.Running;
using Harness.Experiments.Schema;
using Harness.Experiments.Store;
using Harness.Experiments.Validation;
using Harness.Experiments.Yaml;
using Harness.Models;
using Harness.Models.Tokenization;
using Harness.Torch;

namespace Harness.Experiments.Tests;

/// <summary>`target_source` and `only_correct` (paper protocols): the model's own greedy token, or the label word it
/// ranks first, instead of the gold target; only the examples the model gets right; every dataset's targets frozen in
/// the store, with their text, before any of the model's cells runs. Checked on the GPT-2 fixture's random weights,
/// whose predictions differ from the gold labels.</summary>
[TestFixture]
[Fast]
public sealed class TargetSourceTests
{
    private static string Experiment(string datasetOptions) => $$"""
        output: run
        models:
          - {name: tiny, path: MODEL}
        datasets:
          - {name: kw, reader: synthetic, task: keyword_sentiment, sample: 6, seed: 2{{datasetOptions}}}
          - {name: kv, reader: synthetic, task: key_value_recall, sample: 2, seed: 1}
        attributors: [random, saliency]
        metrics: [plausibility]
        """;

    private static List<EvaluationItem> Items(ExperimentSpec spec, string dataset)
    {
        using var store = ResultStore.OpenReadOnly(spec.Output);
        var json = (string)store.Query("SELECT items_json FROM targets WHERE dataset = $d", ("$d", dataset)).Single()["items_json"]!;
        return JsonSerializer.Deserialize<List<EvaluationItem>>(json)!;
    }

    private static double[] NextLogits(ILanguageModel model, long[] context)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        return model.Forward(ModelInput.FromIds(torch.tensor(context, [1, context.Length]))).Logits.select(1, context.Length - 1).select(0, 0)
            .to(ScalarType.Float64).ToArray<double>();
    }

    private static (ILanguageModel Model, Tokenizer Tokenizer) Fixture() =>
        (ModelLoader.Load(FixtureModelFolder.Path), Tokenizer.FromFile(Path.Combine(FixtureModelFolder.Path, "tokenizer.json")));

    [Test]
    public void Generation_explains_the_models_greedy_token_and_keeps_its_text()
    {
        using var files = new ExperimentFiles();
        var spec = ExperimentYaml.Load(files.Write(Experiment(", target_source: generation")));
        new ExperimentRunner(new RecordingObserver()).Run(spec, resume: false);
        var (model, tokenizer) = Fixture();
        using var _ = model;

        var items = Items(spec, "kw");

        Assert.That(items, Has.Count.EqualTo(6));
        foreach (var item in items)
        {
            var logits = NextLogits(model, item.ContextIds);
            Assert.That(item.TargetIds, Is.EqualTo(new[] { (long)Array.IndexOf(logits, logits.Max()) }), item.ExampleId);
            Assert.That(item.TargetText, Is.EqualTo(tokenizer.Decode([(int)item.TargetIds[0]], skipSpecialTokens: false)));
        }
    }

    [Test]
    public void Prediction_explains_the_label_word_the_model_ranks_first()
    {
        using var files = new ExperimentFiles();
        var spec = ExperimentYaml.Load(files.Write(Experiment(", target_source: prediction")));
        new ExperimentRunner(new RecordingObserver()).Run(spec, resume: false);
        var (model, tokenizer) = Fixture();
        using var _ = model;
        var labels = new[] { "positive", "negative" }.Select(l => (long)tokenizer.Encode(" " + l, addSpecialTokens: false).Ids[0]).ToArray();

        foreach (var item in Items(spec, "kw"))
        {
            var logits = NextLogits(model, item.ContextIds);
            var expected = logits[labels[0]] >= logits[labels[1]] ? labels[0] : labels[1];
            Assert.That(item.TargetIds, Is.EqualTo(new[] { expected }), item.ExampleId);
        }
    }

    [Test]
    public void Only_correct_keeps_the_examples_whose_gold_token_the_model_predicts()
    {
        using var files = new ExperimentFiles();
        var all = ExperimentYaml.Load(files.Write(Experiment("").Replace("output: run", "output: all"), "all.yaml"));
        var correct = ExperimentYaml.Load(files.Write(Experiment(", only_correct: true").Replace("output: run", "output: correct"), "correct.yaml"));
        new ExperimentRunner(new RecordingObserver()).Run(all, resume: false);
        var observer = new RecordingObserver();
        new ExperimentRunner(observer).Run(correct, resume: false);
        var (model, _) = Fixture();
        using var __ = model;

        var expected = Items(all, "kw").Where(i => { var l = NextLogits(model, i.ContextIds); return Array.IndexOf(l, l.Max()) == i.TargetIds[0]; })
            .Select(i => i.ExampleId).ToList();

        Assert.That(Items(correct, "kw").Select(i => i.ExampleId), Is.EqualTo(expected));
        Assert.That(expected, Has.Count.LessThan(6), "the fixture's random weights get some wrong, so the filter is seen to act");
        Assert.That(observer.Loaded, Has.Some.EqualTo($"kw: only_correct kept {expected.Count} of 6 example(s); model tiny predicted another next token than the target for {6 - expected.Count}"),
            "the run says how many examples the filter left out");
    }

    [Test]
    public void Every_datasets_targets_are_frozen_before_the_models_first_cell()
    {
        using var files = new ExperimentFiles();
        var spec = ExperimentYaml.Load(files.Write(Experiment(", target_source: generation")));
        using (var stop = new CancellationTokenSource())
            new ExperimentRunner(new RecordingObserver(stop, stopAfter: 1)).Run(spec, resume: false, stop.Token);

        Assert.That(StoreSnapshot.Count(spec.Output, "cells"), Is.EqualTo(1));
        Assert.That(StoreSnapshot.Count(spec.Output, "targets"), Is.EqualTo(2), "both datasets' targets, though only one cell ran");
    }

    [Test]
    public void Sequence_targets_refuse_prediction_and_only_correct()
    {
        using var files = new ExperimentFiles();
        var spec = ExperimentYaml.Load(files.Write(Experiment(", target: sequence, target_source: prediction")));

        Assert.That(ExperimentValidator.Check(spec).Select(e => e.Message), Has.Some.Contains("target_source prediction and only_correct apply to token and span targets"));
    }
}
