namespace Harness.Evaluation.Applications;

/// <summary>Options of context_pruning.</summary>
public sealed record ContextPruningOptions
{
    /// <summary>How many top sources are kept, one pruned answer per k. Source: AT2 Fig. 5 keeps the
    /// top 1..k sources; the harness's default grid.</summary>
    public IReadOnlyList<int> Ks { get; init; } = [1, 2, 3, 5];

    /// <summary>Tokens generated for an answer (greedy); the answer is the text up to the first line break.</summary>
    public int MaxNewTokens { get; init; } = 8;
}
