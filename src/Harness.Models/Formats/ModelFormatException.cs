namespace Harness.Models.Formats;

/// <summary>A model file that cannot be used, naming the file and what is wrong with it.</summary>
public sealed class ModelFormatException(string path, string problem)
    : Exception($"{path}: {problem}")
{
    public string FilePath { get; } = path;
    public string Problem { get; } = problem;
}
