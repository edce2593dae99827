namespace Harness.Models.Formats;

/// <summary>A model file that cannot be used, naming the file and what is wrong with it.</summary>
public sealed class ModelFormatException(string path, string problem)
    : Exception($"{path}: {problem}")
{
    /// <summary>The file that cannot be used.</summary>
    public string FilePath { get; } = path;
    /// <summary>What is wrong with it.</summary>
    public string Problem { get; } = problem;
}
