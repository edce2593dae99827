using Harness.Scoring;

namespace Harness.Attribution.Core;

/// <summary>What a perturbation method scores for one attribution, fixed before any forward pass (keep-masks over the
/// sources, drawn from the seed), and how the objective of each turns into the result.</summary>
public sealed record PerturbationPlan(IReadOnlyList<bool[]> KeepMasks, Func<double[], AttributionResult> Finish)
{
    /// <summary>
    /// Attributions of a perturbation method, planned and finished per request. One request scores its masks through
    /// its run's <see cref="TargetScorer"/> (prefix cache, progress); several whose ablation gives token ids score all
    /// their contexts through <see cref="PackedScorer"/>, batch_size sequences a pass across attribution boundaries.
    /// </summary>
    /// <param name="prepare">The request each run is made from (the method's objective set).</param>
    /// <param name="ablator">The run's ablator (the method's ablation and replacement token).</param>
    /// <param name="plan">The run's plan from its ablator.</param>
    public static IReadOnlyList<AttributionResult> AttributeMany(IReadOnlyList<AttributionRequest> requests, Func<AttributionRequest, AttributionRequest> prepare,
        Func<AttributionRun, ContextAblator> ablator, Func<AttributionRun, ContextAblator, PerturbationPlan> plan, CancellationToken cancellationToken)
    {
        using var pack = new AttributionPack(requests, prepare, cancellationToken);
        var ablators = pack.Runs.Select(ablator).ToList();
        var plans = pack.Runs.Select((run, i) => plan(run, ablators[i])).ToList();
        cancellationToken.ThrowIfCancellationRequested();
        var contexts = plans.Select((p, i) => ablators[i].Contexts(p.KeepMasks)).ToList();
        if (requests.Count == 1 || contexts.Any(c => c is null))
            return AttributionPack.ShareWallTime(plans.Select((p, i) => p.Finish(ablators[i].Score(p.KeepMasks))).ToList());

        var rows = pack.Runs.SelectMany((run, i) => contexts[i]!.Select(c => new PackedRow(c, run.Request.Target.Ids, run.Meter, run.Request.Objective!.Value))).ToList();
        var values = PackedScorer.Objectives(pack.Model, rows, requests[0].BatchSize, cancellationToken);
        var results = new List<AttributionResult>();
        var start = 0;
        for (var i = 0; i < plans.Count; i++)
        {
            results.Add(plans[i].Finish(values[start..(start + contexts[i]!.Count)]));
            start += contexts[i]!.Count;
        }

        return AttributionPack.ShareWallTime(results);
    }
}
