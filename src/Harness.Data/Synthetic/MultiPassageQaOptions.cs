namespace Harness.Data.Synthetic;

/// <summary>Options of <see cref="MultiPassageQa"/>.</summary>
public sealed record MultiPassageQaOptions
{
    /// <summary>Passages: one holds the supporting sentence, the rest are distractors (harness choice: three).
    /// Passages x <see cref="SentencesPerPassage"/> is at most 10, the size of the smallest lexicon (pets), since
    /// every sentence has its own person and values of a type are distinct.</summary>
    public int Passages { get; init; } = 3;

    /// <summary>Sentences in each passage, each stating one fact about a person no other sentence names
    /// (harness choice: one, so a passage is its supporting sentence; with two the tiny decoder was at 85% after
    /// 8000 steps, see <see cref="MultiPassageQa"/>).</summary>
    public int SentencesPerPassage { get; init; } = 1;
}
