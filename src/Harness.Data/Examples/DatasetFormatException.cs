namespace Harness.Data.Examples;

/// <summary>A dataset file that cannot be read: the message names the file, the line and what was expected.</summary>
public sealed class DatasetFormatException(string message) : Exception(message);
