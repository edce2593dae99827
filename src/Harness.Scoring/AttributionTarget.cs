namespace Harness.Scoring;

/// <summary>What the model is to produce after the context: one token, or a span of response tokens.</summary>
public abstract record AttributionTarget
{
    private AttributionTarget()
    {
    }

    /// <summary>The response tokens, in order.</summary>
    public abstract IReadOnlyList<long> Ids { get; }

    /// <summary>The token right after the context.</summary>
    public sealed record Token(long Id) : AttributionTarget
    {
        /// <inheritdoc/>
        public override IReadOnlyList<long> Ids => [Id];
    }

    /// <summary>Several response tokens; explained through the sum of their log-probabilities.</summary>
    public sealed record Span(IReadOnlyList<long> SpanIds) : AttributionTarget
    {
        /// <inheritdoc/>
        public override IReadOnlyList<long> Ids => SpanIds;
    }
}
