using System.CommandLine;
using Harness.Cli.Commands;

namespace Harness.Cli;

/// <summary>The `harness` command tree (Program.cs only parses and invokes it; tests invoke it too). Public: a program of
/// your own registers its attributors and metrics, then hands its arguments to <see cref="Run"/> (docs/extending.md).</summary>
public static class HarnessCommandLine
{
    /// <summary>The root command with every subcommand.</summary>
    public static RootCommand Build()
    {
        var root = new RootCommand("harness: evaluate feature-attribution methods for decoder-only language models.");
        root.Options.Add(Verbose);
        root.Subcommands.Add(DoctorCommand.Create());
        root.Subcommands.Add(TokenizeCommand.Create());
        root.Subcommands.Add(PosTagsCommand.Create());
        root.Subcommands.Add(LogitsCommand.Create());
        root.Subcommands.Add(MethodsCommand.Create());
        root.Subcommands.Add(AttributeCommand.Create());
        root.Subcommands.Add(EvaluateCommand.Create());
        root.Subcommands.Add(ValidateCommand.Create());
        root.Subcommands.Add(FetchCommand.Create());
        root.Subcommands.Add(PlanCommand.Create());
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(MergeCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(TrainAt2Command.Create());
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(CompareCommand.Create());
        root.Subcommands.Add(TrainTinyCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        return root;
    }

    /// <summary>`--verbose` on any command: an unexpected failure prints its stack trace after its one line.</summary>
    public static readonly Option<bool> Verbose = new("--verbose") { Description = "On an unexpected failure, print the stack trace too.", Recursive = true };

    /// <summary>Parses <paramref name="args"/> as `harness` does and runs the command: its exit code (0 success, 1 a
    /// failure it explains in one line, 2 a usage or validation error, 130 stopped by Ctrl-C).</summary>
    public static int Run(params string[] args)
    {
        var parsed = Build().Parse(args);
        CommandRunner.Verbose = parsed.GetValue(Verbose);
        return parsed.Invoke();
    }
}
