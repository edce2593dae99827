using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Harness.Attribution.Core;
using Harness.Attribution.Methods;
using Harness.Data.Segmentation;
using Harness.Experiments.Running;
using Harness.Models;
using Harness.Models.Tokenization;
using Harness.Scoring;

namespace Harness.Cli.Commands;

/// <summary>`harness train-at2`: trains AT2's estimator for one model and saves it into a folder that
/// `harness attribute --method at2 --at2-estimator DIR` reads. The examples come from a JSONL of token ids (one JSON
/// object per line, {"context_ids": [...], "target_ids": [...]}; one target id is a token target, more a span; every
/// context token is a source; or {"context_ids": [...], "targets": [[...], [...]]}, a response split into targets,
/// target k after the context and targets 0..k-1), or from a run's frozen targets (`--from-run RUN --dataset NAME`: each
/// item's region tokens the sources, its response split into sentences as AT2's trainer splits it,
/// <see cref="At2TrainingExamples"/>). Progress goes to standard error.</summary>
internal static class TrainAt2Command
{
    public static Command Create()
    {
        var model = new Argument<string>("MODEL") { Description = "A model directory (Hugging Face layout) or a model id in the local Hugging Face cache." };
        var examples = new Option<string?>("--examples") { Description = "JSONL, one {\"context_ids\": [...], \"target_ids\": [...]} per line, or {\"context_ids\": [...], \"targets\": [[...], ...]} for a response split into sentences." };
        var fromRun = new Option<string?>("--from-run") { Description = "A run folder (harness run --output) whose frozen targets of --dataset are the examples." };
        var dataset = new Option<string?>("--dataset") { Description = "With --from-run: the experiment's dataset name." };
        var runModel = new Option<string?>("--run-model") { Description = "With --from-run: the experiment's model name, where the dataset ran on several." };
        var splitTarget = new Option<string?>("--split-target") { Description = "With --from-run: 'sentence' (the default, AT2's trainer: one target per sentence of the response) or 'none' (the whole target)." };
        var output = new Option<string>("--out") { Description = "Folder to write at2_estimator.safetensors and at2_estimator.json into.", Required = true };
        var defaults = new At2Options();
        var seed = new Option<ulong>("--seed") { Description = "Seed of the masks (mask i from numpy's RandomState(seed + i), as AT2's create_masks) and of the batches (numpy's generator after np.random.seed(seed)).", DefaultValueFactory = _ => defaults.Seed };
        var iterations = new Option<int>("--iterations") { Description = "Optimisation steps, each on up to 512 examples drawn afresh (AT2: 1000).", DefaultValueFactory = _ => defaults.Iterations };
        var masks = new Option<int>("--masks") { Description = "Random source masks per example (AT2: 32).", DefaultValueFactory = _ => defaults.Masks };
        var command = new Command("train-at2", """
            Train AT2's attention-weight estimator for a model and save it for `harness attribute --method at2`.

            Examples:
              harness train-at2 experiments/models/tiny-gpt2 --examples train.jsonl --out at2-gpt2 --iterations 200
              harness train-at2 MODEL_DIR --from-run results/runs/dolly --dataset dolly --out at2-model --device cuda
              harness attribute experiments/models/tiny-gpt2 --ids 5,17,42,88 --target-id 7 --method at2 --at2-estimator at2-gpt2
            """);
        command.Arguments.Add(model);
        foreach (var o in new Option[] { examples, fromRun, dataset, runModel, splitTarget, output, seed, iterations, masks }) command.Options.Add(o);
        var placement = ModelPlacement.AddTo(command);
        command.SetAction(r => CommandRunner.Run(() => Run(r.GetValue(model)!,
            new ExampleSource(r.GetValue(examples), r.GetValue(fromRun), r.GetValue(dataset), r.GetValue(runModel), r.GetValue(splitTarget)), r.GetValue(output)!,
            defaults with { Seed = r.GetValue(seed), Iterations = r.GetValue(iterations), Masks = r.GetValue(masks) }, placement(r))));
        return command;
    }

    /// <summary>Where the examples come from: a JSONL of ids, or a run's frozen targets of one dataset.</summary>
    private sealed record ExampleSource(string? Examples, string? FromRun, string? Dataset, string? RunModel, string? SplitTarget)
    {
        public void Validate()
        {
            if ((Examples is null) == (FromRun is null)) throw new UsageException("give the examples with exactly one of --examples FILE and --from-run RUN");
            if (FromRun is not null && Dataset is null) throw new UsageException("--from-run needs --dataset NAME, the experiment's dataset to train on");
            if (FromRun is null && (Dataset ?? RunModel ?? SplitTarget) is not null) throw new UsageException("--dataset, --run-model and --split-target are for --from-run");
            if (SplitTarget is not (null or "sentence" or "none")) throw new UsageException($"--split-target must be 'sentence' or 'none', got '{SplitTarget}'");
        }

        /// <summary>Whether a frozen response is split into its sentences (AT2's trainer's default).</summary>
        public bool SplitsSentences => SplitTarget is null or "sentence";

        /// <summary>The name the estimator records as its training data.</summary>
        public string Name => Examples is not null ? Path.GetFileNameWithoutExtension(Examples) : Dataset!;
    }

    private static int Run(string modelName, ExampleSource source, string output, At2Options options, ModelPlacement placement)
    {
        source.Validate();
        var ids = source.Examples is { } path ? ReadExamples(path) : null;
        var directory = ModelLocator.Resolve(modelName);
        using var model = placement.Load(directory);
        var examples = ids is not null ? ids.Select(e => e.Requests(model)).ToList() : FromRun(source, directory, model);
        var set = new At2TrainingSet(modelName, source.Name, SourceUnit.Token, examples);
        var trainer = new At2Trainer(options);
        var progress = new ConsoleProgress();
        var clock = Stopwatch.StartNew();
        var data = trainer.Observe(set, progress);
        var estimator = trainer.Fit(set, data, progress);
        estimator.Save(output);
        var initial = At2Estimator.Uniform(estimator.Layers, estimator.Heads, modelName);
        Console.WriteLine($"AT2 estimator for {modelName} ({estimator.Layers} layers x {estimator.Heads} heads) trained on {examples.Count(e => e.Count > 0)} examples "
            + $"({examples.Sum(e => e.Count)} targets) in {clock.Elapsed.TotalSeconds:F1} s; mean correlation on the training masks {data.MeanCorrelation(initial.Theta):F3} at the start, "
            + $"{data.MeanCorrelation(estimator.Theta):F3} trained; saved to {Path.GetFullPath(output)}");
        return 0;
    }

    /// <summary>The requests of the run's frozen items, each response split into its sentences unless --split-target none.
    /// The model folder's tokenizer finds the sentences and, either way, checks that the items' ids are its own.</summary>
    private static List<IReadOnlyList<AttributionRequest>> FromRun(ExampleSource source, string directory, ILanguageModel model)
    {
        var path = Path.Combine(directory, "tokenizer.json");
        var tokenizer = File.Exists(path) ? Tokenizer.FromFile(path)
            : source.SplitsSentences ? throw new UsageException($"--split-target sentence needs {path}, which does not exist, to find the response's sentences; use --split-target none")
            : null;
        try
        {
            var items = At2TrainingExamples.FrozenItems(source.FromRun!, source.Dataset!, source.RunModel);
            if (tokenizer is not null && !source.SplitsSentences) foreach (var item in items) At2TrainingExamples.CheckTokenizer(item, tokenizer);
            return items.Select(item => At2TrainingExamples.Requests(item, model, source.SplitsSentences ? tokenizer : null)).ToList();
        }
        catch (InvalidDataException e)
        {
            throw new UsageException($"--from-run {source.FromRun}: {e.Message}");
        }
    }

    /// <summary>An example's context and its targets, in response order.</summary>
    private sealed record IdsExample(long[] Context, long[][] Targets)
    {
        /// <summary>One request per target: target k after the context and targets 0..k-1, the context alone its region.</summary>
        public IReadOnlyList<AttributionRequest> Requests(ILanguageModel model) => Targets.Select((target, k) =>
            new AttributionRequest(model, Context.Concat(Targets.Take(k).SelectMany(t => t)).ToArray(),
                target.Length == 1 ? new AttributionTarget.Token(target[0]) : new AttributionTarget.Span(target))
            { Region = k == 0 ? null : 0..Context.Length }).ToList();
    }

    /// <summary>One line per example; a bad line fails naming file and line.</summary>
    private static List<IdsExample> ReadExamples(string path)
    {
        if (!File.Exists(path)) throw new UsageException($"--examples {path}: no such file");
        var result = new List<IdsExample>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                using var doc = JsonDocument.Parse(line);
                static long[] Ids(JsonElement array) => array.EnumerateArray().Select(x => x.GetInt64()).ToArray();
                var root = doc.RootElement;
                var split = root.TryGetProperty("targets", out var given) ? given : (JsonElement?)null;
                if (split is not null && root.TryGetProperty("target_ids", out _)) throw new FormatException("give target_ids or targets, not both");
                var targets = split is { } sentences
                    ? sentences.EnumerateArray().Select(Ids).ToArray()
                    : [Ids(root.GetProperty("target_ids"))];
                var example = new IdsExample(Ids(root.GetProperty("context_ids")), targets);
                if (example.Context.Length == 0 || targets.Length == 0 || targets.Any(t => t.Length == 0))
                    throw new FormatException("context_ids and every target must not be empty");
                result.Add(example);
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new UsageException($"{path}:{number}: expected {{\"context_ids\": [...], \"target_ids\": [...]}} or {{\"context_ids\": [...], \"targets\": [[...], ...]}} ({e.Message})");
            }
        }

        return result.Count > 0 ? result : throw new UsageException($"{path} holds no examples");
    }

    /// <summary>Progress on standard error: each example observed, then every 100th step and the last.</summary>
    private sealed class ConsoleProgress : IProgress<At2TrainingProgress>
    {
        public void Report(At2TrainingProgress value)
        {
            if (value.Stage == At2TrainingStage.Observing)
                Console.Error.WriteLine($"observed example {value.Done}/{value.Total}");
            else if (value.Done % 100 == 0 || value.Done == value.Total)
                Console.Error.WriteLine($"step {value.Done}/{value.Total}: loss {value.Loss:F4}");
        }
    }
}
