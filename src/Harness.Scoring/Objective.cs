namespace Harness.Scoring;

/// <summary>What an attributor explains (spec/attributors.md, option `objective`); a span target
/// always uses the sum of its tokens' log-probabilities.</summary>
public enum Objective
{
    /// <summary>p(y | x), the default.</summary>
    Prob,

    /// <summary>log p(y | x).</summary>
    LogProb,

    /// <summary>The target's logit before the softmax.</summary>
    Logit,
}
