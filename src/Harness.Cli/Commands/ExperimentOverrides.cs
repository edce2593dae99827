using System.CommandLine;
using Harness.Experiments.Schema;

namespace Harness.Cli.Commands;

/// <summary>Command-line overrides of an experiment file: `--model-path` points every model of a
/// paper's experiment at another folder (e.g. the embedded tiny model), `--masked-lm-path` every
/// ReAGent masked LM, `--at2-estimator-path` every AT2 estimator, and `--dtype`/`--device` (parsed as by
/// every other command, <see cref="ModelPlacement"/>) every model's dtype and device, to check or try a
/// paper's experiment without the paper's models or hardware.</summary>
public sealed record ExperimentOverrides(string? ModelPath, string? MaskedLmPath, string? At2EstimatorPath, ModelPlacement Placement)
{
    /// <summary>Adds the five options to <paramref name="command"/>; the function reads them from a parse result.</summary>
    public static Func<ParseResult, ExperimentOverrides> AddTo(Command command)
    {
        var model = new Option<string?>("--model-path") { Description = "Use this model folder (or cache id) for every model of the experiment." };
        var maskedLm = new Option<string?>("--masked-lm-path") { Description = "Use this masked LM folder for every model's ReAGent replacer." };
        var at2 = new Option<string?>("--at2-estimator-path") { Description = "Use this AT2 estimator for every model." };
        foreach (var option in new Option[] { model, maskedLm, at2 }) command.Options.Add(option);
        var placement = ModelPlacement.AddTo(command);
        return r => new ExperimentOverrides(r.GetValue(model), r.GetValue(maskedLm), r.GetValue(at2), placement(r));
    }

    public ExperimentSpec Apply(ExperimentSpec spec) => spec with
    {
        Models = spec.Models.Select(m => m with
        {
            Path = Location(ModelPath) ?? m.Path,
            MaskedLm = Location(MaskedLmPath) ?? m.MaskedLm,
            At2Estimator = At2EstimatorPath is null ? m.At2Estimator : Path.GetFullPath(At2EstimatorPath),
            DType = Placement.DType is { } dtype ? ModelPlacement.Name(dtype) : m.DType,
            Device = Placement.Device?.ToString() ?? m.Device,
        }).ToList(),
    };

    private static string? Location(string? path) => path is null ? null : Directory.Exists(path) ? Path.GetFullPath(path) : path;
}
