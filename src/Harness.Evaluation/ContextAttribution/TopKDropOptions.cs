using Harness.Scoring;

namespace Harness.Evaluation.ContextAttribution;

/// <summary>Options of <see cref="TopKDrop"/>. Source: ContextCite (Cohen-Wang et al. 2024) and AT2,
/// top-k log-probability drop for k in {1, 3, 5}; sources removed from the prompt (ContextCite's
/// default; AT2 masks attention, `ablation: attention`).</summary>
public sealed record TopKDropOptions
{
    /// <summary>The numbers k of top sources ablated, each at least 1 and distinct; capped at the number of sources.</summary>
    public IReadOnlyList<int> Ks { get; init; } = [1, 3, 5];

    /// <summary>The response output f whose drop is measured (YAML `output`): the logit-probability (ContextCite's
    /// and AT2's, the default) or log P.</summary>
    public ResponseOutput Output { get; init; } = ResponseOutput.LogitProb;

    /// <summary>How the top-k sources leave the context (YAML `ablation`): removed from the prompt by default
    /// (ContextCite); `attention` masks them as AT2 does; any other <see cref="Harness.Scoring.Ablation"/> applies too.</summary>
    public Ablation Ablation { get; init; } = Ablation.Remove;
}
