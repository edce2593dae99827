namespace Harness.Data.Synthetic;

/// <summary>Options of <see cref="KeywordSentiment"/> (harness choices).</summary>
internal sealed record KeywordSentimentOptions
{
    /// <summary>Most "the {noun} was {adjective}" clauses in the review (at least two).</summary>
    public int MaxClauses { get; init; } = 3;

    /// <summary>Most polar keywords (all of the label's polarity); the other clauses are neutral.</summary>
    public int MaxKeywords { get; init; } = 2;
}
