namespace Harness.Experiments.Schema;

/// <summary>What is explained after each prompt (experiments issue item 1; spec/metrics.md section 1).</summary>
public enum TargetMode
{
    /// <summary>One token: the first token of the example's target, or the model's greedy next token when it has none.</summary>
    Token,

    /// <summary>Every token of the example's target, explained through the sum of their log-probabilities.</summary>
    Span,

    /// <summary>Greedy generation of max_new_tokens; every stride-th generated token is a target over its whole prefix.</summary>
    Sequence,
}
