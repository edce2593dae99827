using Harness.Attribution;
using Harness.Attribution.Core;
using Harness.Data.Readers;
using Harness.Data.Catalog;
using Harness.Data.Synthetic;
using Harness.Evaluation;
using Harness.Evaluation.Core;
using Harness.Experiments.Running;
using Harness.Experiments.Schema;
using Harness.Experiments.Yaml;
using Harness.Models;
using Harness.Scoring;
using Harness.Torch;

namespace Harness.Experiments.Validation;

/// <summary>
/// Everything a run would need, checked before any model is loaded (`harness validate`, and the first
/// step of `harness run`): model folders with config.json and tokenizer.json, dtypes and devices (CUDA
/// present when asked for), dataset readers, files and tasks, attributor and metric names with options
/// that bind, the resources some attributors need (AT2's estimator, ReAGent's masked LM), filters that
/// name real grid entries. Every problem is reported with file:line:column; misspelt names get a suggestion.
/// </summary>
public static class ExperimentValidator
{
    /// <summary>The dtype names a model's `dtype` key accepts.</summary>
    public static readonly IReadOnlyList<string> DTypes = ["float32", "float16", "bfloat16", "float64"];
    /// <summary>The split names a dataset's `split` key accepts.</summary>
    public static readonly IReadOnlyList<string> Splits = ["train", "validation", "test"];

    /// <summary>The problems of <paramref name="spec"/>; empty when it can run.</summary>
    public static IReadOnlyList<ExperimentError> Check(ExperimentSpec spec) => Check(spec, BoundOptions.Of(spec));

    /// <summary>The problems of <paramref name="spec"/>, whose options <paramref name="options"/> bound (a run binds them
    /// once, for the check and for its cells).</summary>
    public static IReadOnlyList<ExperimentError> Check(ExperimentSpec spec, BoundOptions options)
    {
        var errors = new List<ExperimentError>();
        void Error(SourcePosition at, string message) => errors.Add(new ExperimentError(at, message));

        if (File.Exists(spec.Output))
            Error(new SourcePosition(spec.File, 1, 1), $"output: {spec.Output} is a file; the run writes a folder there (its store, lease and outputs): name a folder");
        foreach (var model in spec.Models) CheckModel(model, Error);
        foreach (var dataset in spec.Datasets) CheckDataset(dataset, Error);
        foreach (var attributor in spec.Attributors)
        {
            if (!AttributorRegistry.Names.Contains(attributor.Name))
            {
                Error(attributor.Position, $"unknown attributor '{attributor.Name}'{NameSuggestion.Hint(attributor.Name, AttributorRegistry.Names)}; known: {string.Join(", ", AttributorRegistry.Names)}");
                continue;
            }

            if (options.Problem(attributor) is { } problem)
            {
                Error(attributor.Position, $"attributor '{attributor.Label}': {problem}");
                continue;
            }

            var bound = options.Attributor(attributor);
            var descriptor = bound.Descriptor;

            CheckNeeds(spec, attributor, descriptor, descriptor.NeedsFor(bound.Options), Error);
        }

        foreach (var metric in spec.Metrics)
        {
            if (!MetricRegistry.Names.Contains(metric.Name))
            {
                Error(metric.Position, $"unknown metric '{metric.Name}'{NameSuggestion.Hint(metric.Name, MetricRegistry.Names)}; known: {string.Join(", ", MetricRegistry.Names)}");
                continue;
            }

            if (options.Problem(metric) is { } problem) Error(metric.Position, $"metric '{metric.Label}': {problem}");
            // model_randomization's copy cannot redraw more blocks than a model has: said here, not when its first value is due.
            else if (options.Metric(metric).Options is Harness.Evaluation.Sanity.ModelRandomizationOptions { Layers: { } layers })
            {
                foreach (var model in spec.Models)
                    if (DecoderBlocks(model) is { } blocks && layers > blocks)
                        Error(metric.Position, $"metric '{metric.Label}': layers={layers}, but model '{model.Name}' has {blocks} decoder blocks");
            }
            // The soft metrics' inseq_attributors name attributor labels: a misspelt one would silently change a row's transform.
            else if (options.Metric(metric).Options is Harness.Evaluation.Soft.SoftOptions { InseqAttributors: { } inseq })
            {
                var labels = spec.Attributors.Select(a => a.Label).ToList();
                foreach (var label in inseq.Where(l => !labels.Contains(l)))
                    Error(metric.Position, $"metric '{metric.Label}': inseq_attributors names '{label}', which is no attributor label of the experiment{NameSuggestion.Hint(label, labels)}");
            }

            var metricDescriptor = MetricRegistry.Find(metric.Name);
            foreach (var dataset in spec.Datasets.Where(d => metric.AppliesTo(d.Name) && !metricDescriptor.Targets.HasFlag(Kind(d.Target))))
                Error(metric.Position, $"metric '{metric.Label}' does not apply to {dataset.Target.ToString().ToLowerInvariant()} targets (dataset '{dataset.Name}'); it applies to {metricDescriptor.Targets.ToString().ToLowerInvariant()}");
        }

        foreach (var metric in spec.Metrics)
            foreach (var dataset in metric.Datasets ?? [])
                if (!spec.Datasets.Any(d => d.Name == dataset))
                    Error(metric.Position, $"metric '{metric.Label}' names dataset '{dataset}', which the experiment does not have{NameSuggestion.Hint(dataset, spec.Datasets.Select(d => d.Name))}");
        // An entry whose options its method refused (lds masks=0: "valid: integers >= 2") needs no second line about them.
        var refused = spec.Attributors.Where(a => options.Problem(a) is not null).Select(a => a.Position)
            .Concat(spec.Metrics.Where(m => options.Problem(m) is not null).Select(m => m.Position)).ToHashSet();
        SizeLimits.Check(spec, (at, message) =>
        {
            if (!refused.Contains(at)) Error(at, message);
        });
        foreach (var filter in spec.Only.Concat(spec.Exclude)) CheckFilter(spec, filter, Error);
        if (errors.Count == 0 && Grid.GridExpander.Cells(spec).Count == 0)
            Error(new SourcePosition(spec.File, 1, 1), "the filters leave no cell to run");
        foreach (var dataset in spec.Datasets.Where(d => d.Target == TargetMode.Sequence && (d.TargetSource == TargetSource.Prediction || d.OnlyCorrect)))
            Error(dataset.Position, $"dataset '{dataset.Name}': sequence targets are the model's own greedy continuation; target_source prediction and only_correct apply to token and span targets");
        foreach (var dataset in spec.Datasets.Where(d => d.Target == TargetMode.Sequence && d.Unit != Harness.Data.Segmentation.SourceUnit.Token))
            Error(dataset.Position, $"dataset '{dataset.Name}': sequence targets are attributed over the whole prefix, token by token; drop 'unit' or use target token|span");
        return errors;
    }

    /// <summary>Reads <paramref name="path"/>, applies <paramref name="adjust"/> (command-line overrides) and checks it;
    /// throws one <see cref="ExperimentException"/> with every problem, reading's and checking's together.</summary>
    public static ExperimentSpec LoadValid(string path, Func<ExperimentSpec, ExperimentSpec>? adjust = null) => LoadBound(path, adjust).Spec;

    /// <summary>As <see cref="LoadValid"/>, with the options bound for the check, which a run reuses.</summary>
    public static (ExperimentSpec Spec, BoundOptions Options) LoadBound(string path, Func<ExperimentSpec, ExperimentSpec>? adjust = null)
    {
        adjust ??= s => s;
        ExperimentSpec spec;
        try
        {
            spec = adjust(ExperimentYaml.Load(path));
        }
        catch (ExperimentException e) when (e.ReadDespiteErrors is { } read)
        {
            throw new ExperimentException(e.Errors.Concat(Check(adjust(read)))
                .OrderBy(x => x.Position.Line).ThenBy(x => x.Position.Column).ToList());
        }

        var options = BoundOptions.Of(spec);
        EnsureValid(spec, options);
        return (spec, options);
    }

    /// <summary>Throws one <see cref="ExperimentException"/> with every problem, if there are any.</summary>
    public static void EnsureValid(ExperimentSpec spec) => EnsureValid(spec, BoundOptions.Of(spec));

    /// <summary>As <see cref="EnsureValid(ExperimentSpec)"/>, with the options already bound.</summary>
    public static void EnsureValid(ExperimentSpec spec, BoundOptions options)
    {
        var errors = Check(spec, options);
        if (errors.Count > 0) throw new ExperimentException(errors);
    }

    /// <summary>What the attributor's descriptor says it needs, checked against every model and dataset it runs on.</summary>
    private static void CheckNeeds(ExperimentSpec spec, AttributorSpec attributor, AttributorDescriptor descriptor, AttributorNeeds needs, Action<SourcePosition, string> error)
    {
        if (needs.HasFlag(AttributorNeeds.At2Estimator))
            foreach (var model in spec.Models.Where(m => m.At2Estimator is null && Runs(spec, m.Name, attributor)))
                error(attributor.Position, $"{descriptor.Name} needs a trained estimator for model '{model.Name}': set its 'at2_estimator' (train one with `harness train-at2`) or exclude the pair");
        if (needs.HasFlag(AttributorNeeds.MaskedLm))
            foreach (var model in spec.Models.Where(m => m.MaskedLm is null && Runs(spec, m.Name, attributor)))
                error(attributor.Position, $"attributor '{attributor.Label}' needs a masked LM for model '{model.Name}': set its 'masked_lm' (a RoBERTa-architecture folder) or use replacer: uniform");
        foreach (var dataset in spec.Datasets.Where(d => !descriptor.Targets.HasFlag(Kind(d.Target)) && spec.Models.Any(m => Grid.GridExpander.Selected(spec, m.Name, d.Name, attributor))))
            error(attributor.Position, $"attributor '{attributor.Label}' does not apply to {dataset.Target.ToString().ToLowerInvariant()} targets (dataset '{dataset.Name}'); it applies to {descriptor.Targets.ToString().ToLowerInvariant()}");
    }

    private static TargetKinds Kind(TargetMode target) => target switch
    {
        TargetMode.Token => TargetKinds.Token,
        TargetMode.Span => TargetKinds.Span,
        _ => TargetKinds.Sequence,
    };

    private static bool Runs(ExperimentSpec spec, string model, AttributorSpec attributor) =>
        spec.Datasets.Any(d => Grid.GridExpander.Selected(spec, model, d.Name, attributor));

    /// <summary>The decoder blocks config.json gives the model (n_layer, num_hidden_layers); null where it cannot be read,
    /// which <see cref="CheckModel"/> reports.</summary>
    private static long? DecoderBlocks(ModelSpec model)
    {
        try
        {
            var config = Path.Combine(ModelLocator.Resolve(model.Path), "config.json");
            using var json = System.Text.Json.JsonDocument.Parse(Harness.Models.Formats.ModelFile.ReadText(config, Harness.Models.Formats.ModelFile.SmallJsonLimit));
            return ModelDimensions.FromConfig(json.RootElement).Layers is > 0 and var blocks ? blocks : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException or ArgumentException
                                       or Harness.Models.Formats.ModelFormatException)
        {
            return null;
        }
    }

    private static void CheckModel(ModelSpec model, Action<SourcePosition, string> error)
    {
        string folder;
        try
        {
            folder = ModelLocator.Resolve(model.Path);
        }
        catch (Exception e) when (e is DirectoryNotFoundException or FileNotFoundException or ArgumentException)
        {
            error(model.Position, $"model '{model.Name}': {e.Message}");
            return;
        }

        if (!File.Exists(Path.Combine(folder, "config.json"))) error(model.Position, $"model '{model.Name}': {folder} has no config.json");
        if (!File.Exists(Path.Combine(folder, "tokenizer.json")))
            error(model.Position, $"model '{model.Name}': {folder} has no tokenizer.json; datasets are text, so the run needs the model's tokenizer");
        if (!DTypes.Contains(model.DType))
            error(model.Position, $"model '{model.Name}': dtype '{model.DType}' is not one of {string.Join(", ", DTypes)}{NameSuggestion.Hint(model.DType, DTypes)}");
        try
        {
            var device = Device.Parse(model.Device);
            if (device.type == DeviceType.CUDA && !torch.cuda.is_available())
                error(model.Position, $"model '{model.Name}': device '{model.Device}' asked for, but this libtorch sees no CUDA device (see `harness doctor`)");
        }
        catch (FormatException e)
        {
            error(model.Position, $"model '{model.Name}': {e.Message}");
        }

        if (model.MaskedLm is { } mlm)
        {
            string? mlmFolder = null;
            try
            {
                mlmFolder = ModelLocator.Resolve(mlm);
            }
            catch (Exception e) when (e is DirectoryNotFoundException or FileNotFoundException or ArgumentException)
            {
                error(model.Position, $"model '{model.Name}': masked_lm: {e.Message}");
            }

            if (mlmFolder is not null && !(File.Exists(Path.Combine(mlmFolder, "config.json")) && File.Exists(Path.Combine(mlmFolder, "tokenizer.json"))))
                error(model.Position, $"model '{model.Name}': masked_lm {mlmFolder} needs config.json, model.safetensors and tokenizer.json");
        }
        if (model.At2Estimator is { } estimator && !File.Exists(estimator))
            error(model.Position, $"model '{model.Name}': at2_estimator {estimator} does not exist");
    }

    private static void CheckDataset(DatasetSpec dataset, Action<SourcePosition, string> error)
    {
        if (dataset.Reader == ExperimentYaml.SyntheticReader)
        {
            if (dataset.Task is { } task && !SyntheticTasks.Names.Contains(task))
                error(dataset.Position, $"dataset '{dataset.Name}': unknown synthetic task '{task}'{NameSuggestion.Hint(task, SyntheticTasks.Names)}; known: {string.Join(", ", SyntheticTasks.Names)}");
            if (!Splits.Contains(dataset.Split))
                error(dataset.Position, $"dataset '{dataset.Name}': split '{dataset.Split}' is not one of {string.Join(", ", Splits)}{NameSuggestion.Hint(dataset.Split, Splits)}");
            if (dataset.Sample is null) error(dataset.Position, $"dataset '{dataset.Name}': a synthetic dataset needs 'sample' (how many examples to generate)");
            return;
        }

        var readers = DatasetReaders.Names;
        if (!readers.Contains(dataset.Reader))
            error(dataset.Position, $"dataset '{dataset.Name}': unknown reader '{dataset.Reader}'{NameSuggestion.Hint(dataset.Reader, readers.Append(ExperimentYaml.SyntheticReader))}; known: {string.Join(", ", readers)}, {ExperimentYaml.SyntheticReader}");
        if (dataset.Source is { } source)
        {
            // A prompt variant of a set's reader (hotpotqa_context_query for hotpotqa) reads the same file.
            if (DatasetCatalog.Find(source) is { } known && known.Reader != dataset.Reader && !dataset.Reader.StartsWith(known.Reader + "_", StringComparison.Ordinal))
                error(dataset.Position, $"dataset '{dataset.Name}': source '{source}' is read by the reader '{known.Reader}' (or a variant {known.Reader}_...), not '{dataset.Reader}'");
            if (dataset.Path is { } cached && !File.Exists(cached))
                error(dataset.Position, $"dataset '{dataset.Name}': {DatasetCache.Missing(source)}{(DatasetCatalog.Find(source) is null ? NameSuggestion.Hint(source, DatasetCatalog.Names) : "")}");
        }
        else if (dataset.Path is { } path && !File.Exists(path)) error(dataset.Position, $"dataset '{dataset.Name}': the file {path} does not exist");
        if (dataset.Split != "all") error(dataset.Position, $"dataset '{dataset.Name}': a data file is one split; drop 'split' or write 'all' (got '{dataset.Split}')");
    }

    private static void CheckFilter(ExperimentSpec spec, CellFilter filter, Action<SourcePosition, string> error)
    {
        void Known(string? value, string what, IReadOnlyList<string> names)
        {
            if (value is not null && !names.Contains(value))
                error(filter.Position, $"the filter names {what} '{value}', which the experiment does not have{NameSuggestion.Hint(value, names)}");
        }

        Known(filter.Model, "model", spec.Models.Select(m => m.Name).ToList());
        Known(filter.Dataset, "dataset", spec.Datasets.Select(d => d.Name).ToList());
        Known(filter.Attributor, "attributor", spec.Attributors.SelectMany(a => new[] { a.Label, a.Name }).Distinct().ToList());
    }
}
