using Harness.Scoring;

namespace Harness.Evaluation.Core;

/// <summary>
/// A metric's <see cref="ContextAblator"/>: source keep-masks scored through the run's batched scorer,
/// with the replacement token the ablation needs taken from the input (pad/mask: <see cref="MetricInput.PadId"/>;
/// remove and text: <see cref="MetricInput.BosId"/> stands for an emptied context). The ablator's errors (no replacement id,
/// nothing left before the target) are its <see cref="ScoringException"/>s, which the runner stores as a flagged NaN.
/// </summary>
public sealed class MetricAblator
{
    private readonly ContextAblator ablator;

    /// <summary>An ablator over <paramref name="run"/>'s sources, replacing ablated tokens as <paramref name="ablation"/> says.</summary>
    public MetricAblator(MetricRun run, Ablation ablation)
    {
        Ablation = ablation;
        var replacement = ablation switch
        {
            Ablation.Pad or Ablation.Mask => run.Input.PadId,
            Ablation.Remove or Ablation.Text => run.Input.BosId,
            _ => null,
        };
        ablator = new ContextAblator(run.Scoring, ablation, replacement);
    }

    /// <summary>How an ablated source leaves the context (<see cref="Harness.Scoring.Ablation"/>).</summary>
    public Ablation Ablation { get; }

    /// <summary>Number of sources (the length of every keep-mask).</summary>
    public int Features => ablator.Features;

    /// <summary>The run's objective for each keep-mask over the sources (true: kept), in one batched call.</summary>
    public double[] Score(IReadOnlyList<bool[]> keepMasks) => ablator.Score(keepMasks);

    /// <summary>The context's token ids under each keep-mask, for the ablations that change token ids (<see cref="MetricPack"/>
    /// packs these across examples); null for those that act on embeddings or attention.</summary>
    public IReadOnlyList<IReadOnlyList<long>>? Contexts(IReadOnlyList<bool[]> keepMasks) => ablator.Contexts(keepMasks);
}
