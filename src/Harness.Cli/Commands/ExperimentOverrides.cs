using System.CommandLine;
using Harness.Experiments.Schema;

namespace Harness.Cli.Commands;

/// <summary>Command-line overrides of an experiment file: `--model-path` points every model of a
/// paper's experiment at another folder (e.g. the embedded tiny model), `--masked-lm-path` every
/// ReAGent masked LM and `--at2-estimator-path` every AT2 estimator and `--device` every device, to check or try a paper's
/// experiment without the paper's models.</summary>
public sealed record ExperimentOverrides(string? ModelPath, string? MaskedLmPath, string? At2EstimatorPath, string? Device)
{
    /// <summary>Adds the four options to <paramref name="command"/>; the function reads them from a parse result.</summary>
    public static Func<ParseResult, ExperimentOverrides> AddTo(Command command)
    {
        var model = new Option<string?>("--model-path") { Description = "Use this model folder (or cache id) for every model of the experiment." };
        var maskedLm = new Option<string?>("--masked-lm-path") { Description = "Use this masked LM folder for every model's ReAGent replacer." };
        var at2 = new Option<string?>("--at2-estimator-path") { Description = "Use this AT2 estimator for every model." };
        var device = new Option<string?>("--device") { Description = "Run every model on this device (cpu, cuda, cuda:N)." };
        foreach (var option in new Option[] { model, maskedLm, at2, device }) command.Options.Add(option);
        return r => new ExperimentOverrides(r.GetValue(model), r.GetValue(maskedLm), r.GetValue(at2), r.GetValue(device));
    }

    public ExperimentSpec Apply(ExperimentSpec spec) => spec with
    {
        Models = spec.Models.Select(m => m with
        {
            Path = Location(ModelPath) ?? m.Path,
            MaskedLm = Location(MaskedLmPath) ?? m.MaskedLm,
            At2Estimator = At2EstimatorPath is null ? m.At2Estimator : Path.GetFullPath(At2EstimatorPath),
            Device = Device ?? m.Device,
        }).ToList(),
    };

    private static string? Location(string? path) => path is null ? null : Directory.Exists(path) ? Path.GetFullPath(path) : path;
}
