using Harness.Experiments.Schema;

namespace Harness.Experiments.Yaml;

/// <summary>One problem of an experiment file, where it is and, for a misspelt name, what was probably meant.</summary>
public sealed record ExperimentError(SourcePosition Position, string Message)
{
    /// <summary>FILE:LINE:COLUMN: message.</summary>
    public override string ToString() => $"{Position}: {Message}";
}
