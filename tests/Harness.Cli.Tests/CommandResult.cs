namespace Harness.Cli.Tests;

/// <summary>Exit code and captured output of one in-process `harness` invocation.</summary>
public sealed record CommandResult(int ExitCode, string Output, string Error)
{
    /// <summary>Runs the command line with standard output and error captured (tests run one at a time).</summary>
    public static CommandResult Of(params string[] args)
    {
        var (stdout, stderr) = (Console.Out, Console.Error);
        using var output = new StringWriter();
        using var error = new StringWriter();
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var code = HarnessCommandLine.Run(args);
            return new CommandResult(code, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }
    }
}
