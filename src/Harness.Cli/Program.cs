using System.CommandLine;
using Harness.Cli.Commands;

var root = new RootCommand("harness: evaluate feature-attribution methods for decoder-only language models.");
root.Subcommands.Add(DoctorCommand.Create());
root.Subcommands.Add(LogitsCommand.Create());
return root.Parse(args).Invoke();
