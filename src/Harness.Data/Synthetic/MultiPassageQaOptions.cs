namespace Harness.Data.Synthetic;

/// <summary>Options of <see cref="MultiPassageQa"/>.</summary>
public sealed record MultiPassageQaOptions
{
    /// <summary>Passages, one about each person: one holds the answer, the rest are distractors
    /// (harness choice: three keep the prompt under 60 words; at most 10, the size of the smallest lexicon (pets)).</summary>
    public int Passages { get; init; } = 3;
}
