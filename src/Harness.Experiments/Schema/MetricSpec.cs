namespace Harness.Experiments.Schema;

/// <summary>A metric of the grid with its options (key=value strings) and a label unique in the experiment.</summary>
public sealed record MetricSpec(string Name, string Label, IReadOnlyDictionary<string, string> Options, SourcePosition Position);
