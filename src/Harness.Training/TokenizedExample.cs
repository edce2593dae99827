namespace Harness.Training;

/// <summary>A training example as ids: the prompt's tokens, then the target's one token.</summary>
internal sealed record TokenizedExample(string Task, IReadOnlyList<int> PromptIds, int TargetId)
{
    /// <summary>Prompt then target.</summary>
    public IReadOnlyList<int> Sequence => [.. PromptIds, TargetId];

    /// <summary>The index in <see cref="Sequence"/> of the first token whose prediction the loss scores
    /// under <see cref="LossTokens.Target"/> and <see cref="LossTokens.TargetAndSentenceStarts"/>; null: the target alone (the synthetic tasks). A
    /// <see cref="RepeatedSequences"/> example scores its whole repeat.</summary>
    public int? ScoredFrom { get; init; }
}
