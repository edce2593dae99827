using Harness.Scoring;

namespace Harness.Evaluation.ContextAttribution;

/// <summary>Options of <see cref="Lds"/>. Source: ContextCite (Cohen-Wang et al. 2024), LDS over 64
/// random ablations keeping each source with probability 0.5; sources removed from the prompt
/// (ContextCite's default; AT2 masks attention, `ablation: attention`).</summary>
public sealed record LdsOptions
{
    /// <summary>Random source masks N, at least 2 (a rank correlation of fewer is undefined).</summary>
    public int Masks { get; init; } = 64;

    /// <summary>Probability that a source stays in a mask, in (0, 1).</summary>
    public double KeepProbability { get; init; } = 0.5;

    /// <summary>The response output f(v) correlated with the predictions (YAML `output`): the logit-probability
    /// (ContextCite's and AT2's, the default) or log P.</summary>
    public ResponseOutput Output { get; init; } = ResponseOutput.LogitProb;

    /// <summary>How a masked-out source leaves the context (YAML `ablation`): removed from the prompt by default
    /// (ContextCite); `attention` masks it as AT2 does; any other <see cref="Harness.Scoring.Ablation"/> applies too.</summary>
    public Ablation Ablation { get; init; } = Ablation.Remove;
}
