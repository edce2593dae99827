namespace Harness.Experiments.Schema;

/// <summary>One attributor variant after grid expansion: its registry name, a label unique in the
/// experiment (the name, plus the grid values that made this variant), and its options as key=value strings.</summary>
public sealed record AttributorSpec(string Name, string Label, IReadOnlyDictionary<string, string> Options, SourcePosition Position);
