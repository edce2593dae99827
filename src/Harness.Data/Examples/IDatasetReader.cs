namespace Harness.Data.Examples;

/// <summary>Reads one dataset format (the `reader` of an experiment's dataset) from a path; never copies it.</summary>
public interface IDatasetReader
{
    /// <summary>The experiment YAML's name of the reader, e.g. "longra".</summary>
    string Name { get; }

    /// <summary>Every example of the file in file order; a malformed line fails with the file, the line
    /// number and what was expected (<see cref="DatasetFormatException"/>).</summary>
    IReadOnlyList<Example> Read(string path);
}
