namespace Harness.Cli.Commands;

/// <summary>Bad command-line input: printed without a stack trace, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
