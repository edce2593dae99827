using Harness.Data.Segmentation;
using Harness.Scoring;

namespace Harness.Evaluation.Core;

/// <summary>
/// What every metric's Evaluate starts with: the score checks (flags), the attribution machinery for
/// perturbed forward passes (a <see cref="ScoringRun"/> over the same context, target, region and
/// sources: its <see cref="TargetScorer"/> batches with out-of-memory back-off, its cost meter counts
/// every pass), and <see cref="Finish"/> / <see cref="Unusable"/> to build the result.
/// </summary>
public sealed class MetricRun : IDisposable
{
    private readonly List<MetricFlag> flags;

    /// <param name="objective">What the run's scorer returns per perturbed context (Prob for
    /// ERASER's Q_y - P_y, LogProb for the sum of a response's log-probabilities).</param>
    /// <param name="cancellationToken">The metric's: heard before every batch of the run's scorer.</param>
    public MetricRun(MetricInput input, Objective objective = Objective.Prob, CancellationToken cancellationToken = default)
    {
        Input = input;
        // A request the scorer cannot take fails here with its ScoringException (the one type crossing from Scoring).
        Scoring = new ScoringRun(new ScoringRequest(input.Model, input.ContextIds, input.Target)
        {
            Region = input.Region,
            Sources = input.Sources,
            SourceText = input.SourceText,
            Objective = objective,
            BatchSize = input.BatchSize,
        }, cancellationToken);

        if (input.Scores.Length != Sources.Count)
        {
            // The caller never gets this run to dispose: close its dispose scope here.
            Scoring.Dispose();
            throw new MetricException($"{input.Scores.Length} scores for {Sources.Count} sources of the attributed region; "
                + "give one score per source (per region token when the example has no sources)");
        }

        flags = [.. ScoreChecks.Flags(input.Scores)];
    }

    /// <summary>The input being evaluated (model, context, target, scores, options of the pass).</summary>
    public MetricInput Input { get; }

    /// <summary>Scorer, cost meter, region bounds and sources of the perturbed passes.</summary>
    public ScoringRun Scoring { get; }

    /// <summary>The batched scorer of perturbed contexts (out-of-memory back-off), from <see cref="Scoring"/>.</summary>
    public TargetScorer Scorer => Scoring.Scorer;

    /// <summary>Counts every forward pass of the run; stopped into the result by <see cref="Finish"/>.</summary>
    public CostMeter Meter => Scoring.Meter;

    /// <summary>The attributed units: one per score (one per region token when the input gives no sources).</summary>
    public Sources Sources => Scoring.Sources;

    /// <summary>First context position of the attributed region.</summary>
    public int RegionStart => Scoring.RegionStart;

    /// <summary>Number of context positions in the attributed region.</summary>
    public int RegionLength => Scoring.RegionLength;

    /// <summary>True when the scores give no value at all (empty or NaN/Inf): return <see cref="Unusable"/>.</summary>
    public bool ScoresUnusable => ScoreChecks.Unusable(flags);

    /// <summary>Adds a flag (e.g. "degenerate_s0") that keeps the value out of averages.</summary>
    public void Flag(MetricFlag flag)
    {
        if (!flags.Contains(flag)) flags.Add(flag);
    }

    /// <summary>The result: <paramref name="value"/>, its <paramref name="parts"/> (none when null), the flags raised
    /// so far and the meter's cost, which stops here.</summary>
    public MetricResult Finish(double value, IReadOnlyDictionary<PartKey, double>? parts = null) =>
        new(value, parts ?? new Dictionary<PartKey, double>(), flags.ToArray(), Scoring.StopMeter());

    /// <summary>The result when the scores are unusable: NaN, flagged, with the passes the run made (none, but for LDS's
    /// masks, which a pack scores for every example so that packmates' outputs do not depend on each other's scores).</summary>
    public MetricResult Unusable() => Finish(double.NaN);

    /// <summary>Disposes the scoring run and its tensors' dispose scope.</summary>
    public void Dispose() => Scoring.Dispose();
}
