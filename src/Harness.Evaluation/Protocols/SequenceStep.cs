namespace Harness.Evaluation.Protocols;

/// <summary>One evaluated position of a generation: the context it is conditioned on (prompt plus the
/// earlier generated tokens), the generated token there, and its 0-based index among the generated tokens.</summary>
public sealed record SequenceStep(IReadOnlyList<long> ContextIds, long TargetId, int GeneratedIndex);
