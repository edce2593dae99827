namespace Harness.Scoring;

/// <summary>The targets a method applies to (a dataset's `target:`): the next token, a span of response tokens, or a
/// generated sequence explained token by token (the ReAGent sequence-level protocol).</summary>
[Flags]
public enum TargetKinds
{
    /// <summary>The token right after the context (<see cref="AttributionTarget.Token"/>).</summary>
    Token = 1,
    /// <summary>Several response tokens scored together (<see cref="AttributionTarget.Span"/>).</summary>
    Span = 2,
    /// <summary>A generated sequence, explained one token per step.</summary>
    Sequence = 4,
    /// <summary>Every kind.</summary>
    All = Token | Span | Sequence,
}
