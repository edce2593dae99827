using Harness.Torch;

namespace Harness.Models;

/// <summary>The guard of the models with learned absolute positions (GPT-2, OPT) against inputs past their table.</summary>
internal static class LearnedPositions
{
    /// <summary>
    /// Refuses, with <see cref="ContextLengthException"/>, an input that needs more positions than <paramref name="limit"/>
    /// before the embedding lookup fails inside libtorch as "index out of range": the cached plus new positions, or, with
    /// explicit position ids (generation's, from the attention mask, fewer under left padding), the largest of them
    /// plus one. The ids are read (a device sync) only when cached plus new positions exceed the limit.
    /// </summary>
    public static void EnsureWithin(ModelInput input, long past, long t, long limit, string key)
    {
        if (past + t <= limit) return;
        var needed = input.PositionIds is { } ids ? ids.max().item<long>() + 1 : past + t;
        if (needed > limit) throw new ContextLengthException(needed, limit, key);
    }
}
