namespace Harness.Scoring;

/// <summary>The targets a method applies to (a dataset's `target:`): the next token, a span of response tokens, or a
/// generated sequence explained token by token (the ReAGent sequence-level protocol).</summary>
[Flags]
public enum TargetKinds
{
    Token = 1,
    Span = 2,
    Sequence = 4,
    All = Token | Span | Sequence,
}
