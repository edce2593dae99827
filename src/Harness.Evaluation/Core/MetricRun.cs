using Harness.Attribution.Core;
using Harness.Data.Segmentation;

namespace Harness.Evaluation.Core;

/// <summary>
/// What every metric's Evaluate starts with: the score checks (flags), the attribution machinery for
/// perturbed forward passes (an <see cref="AttributionRun"/> over the same context, target, region and
/// sources: its <see cref="TargetScorer"/> batches with out-of-memory back-off, its cost meter counts
/// every pass), and <see cref="Finish"/> / <see cref="Unusable"/> to build the result.
/// </summary>
public sealed class MetricRun : IDisposable
{
    private readonly List<MetricFlag> flags;

    /// <param name="objective">What the run's scorer returns per perturbed context (Prob for
    /// ERASER's Q_y - P_y, LogProb for the sum of a response's log-probabilities).</param>
    public MetricRun(MetricInput input, Objective objective = Objective.Prob)
    {
        Input = input;
        try
        {
            Attribution = new AttributionRun(new AttributionRequest(input.Model, input.ContextIds, input.Target)
            {
                Region = input.Region,
                Sources = input.Sources,
                Objective = objective,
                Seed = input.Seed,
                BatchSize = input.BatchSize,
            });
        }
        catch (AttributionException e)
        {
            throw new MetricException(e.Message);
        }

        if (input.Scores.Length != Sources.Count)
        {
            // The caller never gets this run to dispose: close its dispose scope here.
            Attribution.Dispose();
            throw new MetricException($"{input.Scores.Length} scores for {Sources.Count} sources of the attributed region; "
                + "give one score per source (per region token when the example has no sources)");
        }

        flags = [.. ScoreChecks.Flags(input.Scores)];
    }

    public MetricInput Input { get; }

    /// <summary>Scorer, cost meter, region bounds and sources of the perturbed passes.</summary>
    public AttributionRun Attribution { get; }

    public TargetScorer Scorer => Attribution.Scorer;

    public CostMeter Meter => Attribution.Meter;

    public Sources Sources => Attribution.Sources;

    public int RegionStart => Attribution.RegionStart;

    public int RegionLength => Attribution.RegionLength;

    /// <summary>True when the scores give no value at all (empty or NaN/Inf): return <see cref="Unusable"/>.</summary>
    public bool ScoresUnusable => ScoreChecks.Unusable(flags);

    /// <summary>Adds a flag (e.g. "degenerate_s0") that keeps the value out of averages.</summary>
    public void Flag(MetricFlag flag)
    {
        if (!flags.Contains(flag)) flags.Add(flag);
    }

    public MetricResult Finish(double value, IReadOnlyDictionary<PartKey, double>? parts = null) =>
        new(value, parts ?? new Dictionary<PartKey, double>(), flags.ToArray(), Meter.Stop(Input.Model.Device.ToString(), Input.Model.DType.ToString()));

    /// <summary>The result when the scores are unusable: NaN, flagged, no forward passes spent.</summary>
    public MetricResult Unusable() => Finish(double.NaN);

    public void Dispose() => Attribution.Dispose();
}
