using System.CommandLine;
using Harness.Experiments.Schema;

namespace Harness.Cli.Commands;

/// <summary>Command-line overrides of an experiment file, to check or try a paper's experiment without the paper's
/// models, hardware or time: `--model-path` points every model at another folder (e.g. the embedded tiny model),
/// `--masked-lm-path` every ReAGent masked LM, `--at2-estimator-path` every AT2 estimator, `--dtype`/`--device`
/// (parsed as by every other command, <see cref="ModelPlacement"/>) every model's dtype and device; `--sample`
/// caps every dataset's example count, `--max-new-tokens` every generation length, `--skip-long` drops examples
/// longer than the model's context instead of failing, and `--set NAME.KEY=VALUE` sets an option of every
/// attributor or metric called NAME (registry name or label), and `--only-model NAME` keeps the named models.</summary>
internal sealed record ExperimentOverrides(string? ModelPath, string? MaskedLmPath, string? At2EstimatorPath, ModelPlacement Placement)
{
    public int? Sample { get; init; }

    public int? MaxNewTokens { get; init; }

    public bool SkipLong { get; init; }

    public IReadOnlyList<string> Settings { get; init; } = [];

    public IReadOnlyList<string> OnlyModels { get; init; } = [];

    /// <summary>Adds the options to <paramref name="command"/>; the function reads them from a parse result.</summary>
    public static Func<ParseResult, ExperimentOverrides> AddTo(Command command)
    {
        var model = new Option<string?>("--model-path") { Description = "Use this model folder (or cache id) for every model of the experiment." };
        var maskedLm = new Option<string?>("--masked-lm-path") { Description = "Use this masked LM folder for every model's ReAGent replacer." };
        var at2 = new Option<string?>("--at2-estimator-path") { Description = "Use this AT2 estimator for every model." };
        var sample = new Option<int?>("--sample") { Description = "Evaluate at most this many examples of every dataset (a seeded sample, as `sample:`)." };
        var maxNewTokens = new Option<int?>("--max-new-tokens") { Description = "Generate at most this many tokens for every dataset's generated targets." };
        var skipLong = new Option<bool>("--skip-long") { Description = "Drop examples longer than the model's context (counted in the log) instead of failing (`too_long: skip`)." };
        var onlyModel = new Option<string[]>("--only-model") { Description = "Run only this model of the experiment (repeatable), e.g. one model of a paper's grid." };
        var set = new Option<string[]>("--set") { Description = "NAME.KEY=VALUE: set option KEY of every attributor or metric named NAME (repeatable), e.g. --set reagent.max_steps=20." };
        foreach (var option in new Option[] { model, maskedLm, at2, sample, maxNewTokens, skipLong, set, onlyModel }) command.Options.Add(option);
        var placement = ModelPlacement.AddTo(command);
        return r => new ExperimentOverrides(r.GetValue(model), r.GetValue(maskedLm), r.GetValue(at2), placement(r))
        {
            Sample = r.GetValue(sample),
            MaxNewTokens = r.GetValue(maxNewTokens),
            SkipLong = r.GetValue(skipLong),
            Settings = r.GetValue(set) ?? [],
            OnlyModels = r.GetValue(onlyModel) ?? [],
        };
    }

    /// <summary>The command-line options that give these overrides (a worker process of `run --devices` gets them),
    /// the device left out: each worker names its own.</summary>
    public IReadOnlyList<string> ToArgumentsWithoutDevice()
    {
        var arguments = new List<string>();
        void Add(string option, string? value)
        {
            if (value is not null) arguments.AddRange([option, value]);
        }

        Add("--model-path", ModelPath);
        Add("--masked-lm-path", MaskedLmPath);
        Add("--at2-estimator-path", At2EstimatorPath);
        Add("--dtype", Placement.DType is { } dtype ? ModelPlacement.Name(dtype) : null);
        Add("--sample", Sample?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add("--max-new-tokens", MaxNewTokens?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (SkipLong) arguments.Add("--skip-long");
        foreach (var setting in Settings) Add("--set", setting);
        foreach (var model in OnlyModels) Add("--only-model", model);
        return arguments;
    }

    public ExperimentSpec Apply(ExperimentSpec spec)
    {
        var settings = Settings.Select(Parse).ToList();
        foreach (var (name, _, _) in settings)
            if (!spec.Attributors.Any(a => a.Name == name || a.Label == name) && !spec.Metrics.Any(m => m.Name == name || m.Label == name))
                throw new UsageException($"--set {name}...: no attributor or metric of {spec.File} is called '{name}'");

        foreach (var name in OnlyModels)
            if (spec.Models.All(m => m.Name != name))
                throw new UsageException($"--only-model {name}: {spec.File} has no model '{name}' (models: {string.Join(", ", spec.Models.Select(m => m.Name))})");

        return spec with
        {
            Models = spec.Models.Where(m => OnlyModels.Count == 0 || OnlyModels.Contains(m.Name)).Select(m => m with
            {
                Path = Location(ModelPath) ?? m.Path,
                MaskedLm = Location(MaskedLmPath) ?? m.MaskedLm,
                At2Estimator = At2EstimatorPath is null ? m.At2Estimator : Path.GetFullPath(At2EstimatorPath),
                DType = Placement.DType is { } dtype ? ModelPlacement.Name(dtype) : m.DType,
                Device = Placement.Device?.ToString() ?? m.Device,
            }).ToList(),
            Datasets = spec.Datasets.Select(d => d with
            {
                Sample = Sample is { } n ? Math.Min(d.Sample ?? n, n) : d.Sample,
                MaxNewTokens = MaxNewTokens is { } t ? Math.Min(d.MaxNewTokens, t) : d.MaxNewTokens,
                TooLong = SkipLong ? TooLongPolicy.Skip : d.TooLong,
            }).ToList(),
            Attributors = spec.Attributors.Select(a => a with { Options = With(a.Options, settings.Where(s => s.Name == a.Name || s.Name == a.Label)) }).ToList(),
            Metrics = spec.Metrics.Select(m => m with { Options = With(m.Options, settings.Where(s => s.Name == m.Name || s.Name == m.Label)) }).ToList(),
        };
    }

    private static (string Name, string Key, string Value) Parse(string setting)
    {
        var equals = setting.IndexOf('=', StringComparison.Ordinal);
        var dot = equals < 0 ? -1 : setting.LastIndexOf('.', equals);
        if (dot <= 0 || dot + 1 >= equals)
            throw new UsageException($"--set {setting}: expected NAME.KEY=VALUE (e.g. reagent.max_steps=20)");
        return (setting[..dot], setting[(dot + 1)..equals], setting[(equals + 1)..]);
    }

    private static IReadOnlyDictionary<string, string> With(IReadOnlyDictionary<string, string> options, IEnumerable<(string Name, string Key, string Value)> settings)
    {
        var result = new Dictionary<string, string>(options, StringComparer.Ordinal);
        foreach (var (_, key, value) in settings) result[key] = value;
        return result;
    }

    private static string? Location(string? path) => path is null ? null : Directory.Exists(path) ? Path.GetFullPath(path) : path;
}
