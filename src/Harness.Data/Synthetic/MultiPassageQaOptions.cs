namespace Harness.Data.Synthetic;

/// <summary>Options of <see cref="MultiPassageQa"/>.</summary>
public sealed record MultiPassageQaOptions
{
    /// <summary>Passages: one holds the supporting sentence, the rest are distractors (harness choice: three).</summary>
    public int Passages { get; init; } = 3;

    /// <summary>Sentences in each passage, each stating one fact about a person no other sentence names
    /// (harness choice: one, so a passage is its supporting sentence; with two the tiny decoder was at 85% after
    /// 8000 steps, see <see cref="MultiPassageQa"/>).</summary>
    public int SentencesPerPassage { get; init; } = 1;
}
