return Harness.Cli.HarnessCommandLine.Run(args);
