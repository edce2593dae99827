using System.CommandLine;
using Harness.Experiments.Validation;
using Harness.Experiments.Yaml;

namespace Harness.Cli.Commands;

/// <summary>`harness validate FILE`: everything a run would need, checked without loading a model;
/// every problem on its own line as file:line:column: message; exit code 2 when there is any.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "The experiment YAML." };
        var command = new Command("validate", """
            Check an experiment file: YAML, names (with suggestions for misspellings), options, files, devices.

            Examples:
              harness validate experiments/quickstart.yaml
              harness validate experiments/reagent_token_level.yaml --model-path experiments/models/tiny-gpt2
            """);
        command.Arguments.Add(file);
        var overrides = ExperimentOverrides.AddTo(command);
        command.SetAction(r => CommandRunner.Run(() => Run(r.GetValue(file)!, overrides(r))));
        return command;
    }

    private static int Run(string file, ExperimentOverrides overrides)
    {
        var spec = ExperimentValidator.LoadValid(file, overrides.Apply);
        var cells = Harness.Experiments.Grid.GridExpander.Cells(spec);
        Console.WriteLine($"{file}: valid; {cells.Count} cells ({spec.Models.Count} models x {spec.Datasets.Count} datasets x "
            + $"{spec.Attributors.Count} attributors x {spec.Seeds.Count} seeds, after filters), {spec.Metrics.Count} metrics per cell");
        return 0;
    }
}
