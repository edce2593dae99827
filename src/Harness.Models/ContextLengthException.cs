namespace Harness.Models;

/// <summary>An input longer than a model with learned absolute positions can embed (GPT-2's n_positions, OPT's
/// max_position_embeddings): refused before the forward pass instead of failing inside it as "index out of range".</summary>
public sealed class ContextLengthException(long positions, long limit, string key)
    : Exception($"the input needs {positions} positions, more than the model's {limit} (config.json {key}): shorten the context or the generated length")
{
    /// <summary>Positions the input needed.</summary>
    public long Positions { get; } = positions;

    /// <summary>Positions the model can embed.</summary>
    public long Limit { get; } = limit;
}
