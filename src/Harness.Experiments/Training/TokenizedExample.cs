namespace Harness.Experiments.Training;

/// <summary>A synthetic example as ids: the prompt's tokens, then the target's one token.</summary>
public sealed record TokenizedExample(string Task, IReadOnlyList<int> PromptIds, int TargetId)
{
    /// <summary>Prompt then target.</summary>
    public IReadOnlyList<int> Sequence => [.. PromptIds, TargetId];
}
