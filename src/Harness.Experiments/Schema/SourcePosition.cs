namespace Harness.Experiments.Schema;

/// <summary>Where a value sits in an experiment file (1-based line and column), for error messages.</summary>
public readonly record struct SourcePosition(string File, int Line, int Column)
{
    /// <summary>FILE:LINE:COLUMN, as compilers print it.</summary>
    public override string ToString() => $"{File}:{Line}:{Column}";
}
