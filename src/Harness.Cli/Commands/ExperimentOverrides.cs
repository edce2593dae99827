using System.CommandLine;
using Harness.Experiments.Schema;

namespace Harness.Cli.Commands;

/// <summary>Command-line overrides of an experiment file: `--model-path` points every model of a
/// paper's experiment at another folder (e.g. the embedded tiny model) to check or try it without the
/// paper's models.</summary>
public static class ExperimentOverrides
{
    public static Option<string?> ModelPathOption() =>
        new("--model-path") { Description = "Use this model folder (or cache id) for every model of the experiment." };

    public static ExperimentSpec Apply(ExperimentSpec spec, string? modelPath) =>
        modelPath is null ? spec : spec with { Models = spec.Models.Select(m => m with { Path = Directory.Exists(modelPath) ? Path.GetFullPath(modelPath) : modelPath }).ToList() };
}
