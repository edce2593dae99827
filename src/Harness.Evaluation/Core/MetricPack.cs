using Harness.Scoring;

namespace Harness.Evaluation.Core;

/// <summary>
/// The runs of several metric inputs of one model whose perturbed forward passes are packed together (issue 27, item 4):
/// opened in order (each run's dispose scope nests in the previous one) and closed innermost first. Each run counts its
/// own rows on its own meter, so a value's forward passes are those of its input alone (rows scored only to keep a pass's
/// rows the same count on none).
/// </summary>
public sealed class MetricPack : IDisposable
{
    private readonly List<MetricRun> runs = [];
    private readonly CancellationToken cancellationToken;

    /// <param name="objective">What every run's scorer returns (<see cref="MetricRun"/>).</param>
    /// <param name="cancellationToken">Heard before every batch, packed or not.</param>
    /// <exception cref="MetricException">An input cannot start a run (scores that do not match its sources, ...).</exception>
    public MetricPack(IReadOnlyList<MetricInput> inputs, Objective objective, CancellationToken cancellationToken = default)
    {
        if (inputs.Count == 0) throw new ArgumentException("a pack needs at least one input", nameof(inputs));
        if (inputs.Any(i => !ReferenceEquals(i.Model, inputs[0].Model))) throw new ArgumentException("a pack holds inputs of one model only", nameof(inputs));
        this.cancellationToken = cancellationToken;
        try
        {
            foreach (var input in inputs) runs.Add(new MetricRun(input, objective, cancellationToken));
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>One run per input, in the inputs' order.</summary>
    public IReadOnlyList<MetricRun> Runs => runs;

    /// <summary>
    /// The run's objective for each of its keep-masks, per run ([run][mask]; a run with no masks gets none and needs no ablator). A pack of one
    /// run, or an ablation that acts on embeddings or attention rather than token ids, scores each run through its own
    /// <see cref="TargetScorer"/> (<see cref="MetricAblator.Score"/>); otherwise every run's ablated contexts share
    /// <see cref="PackedScorer"/>'s passes, the first input's batch_size rows a pass, across example boundaries.
    /// </summary>
    /// <param name="uncounted">Runs whose rows are scored only to keep the pack's passes the same, their values discarded: packed,
    /// their rows count on no meter; scored run by run (where packmates do not share passes), they are not scored.</param>
    public double[][] Score(IReadOnlyList<MetricAblator?> ablators, IReadOnlyList<IReadOnlyList<bool[]>> keepMasks, IReadOnlySet<int>? uncounted = null)
    {
        if (ablators.Count != runs.Count || keepMasks.Count != runs.Count)
            throw new ArgumentException($"{ablators.Count} ablators and {keepMasks.Count} mask lists for {runs.Count} runs");
        var scoring = Enumerable.Range(0, runs.Count).Where(i => keepMasks[i].Count > 0).ToList();
        bool Uncounted(int i) => uncounted?.Contains(i) == true;
        MetricAblator AblatorOf(int i) => ablators[i] ?? throw new ArgumentException($"run {i} has keep-masks but no ablator", nameof(ablators));
        var contexts = scoring.ToDictionary(i => i, i => AblatorOf(i).Contexts(keepMasks[i]));
        if (scoring.Count <= 1 || contexts.Values.Any(c => c is null))
            return Enumerable.Range(0, runs.Count).Select(i => keepMasks[i].Count == 0 || Uncounted(i) ? [] : AblatorOf(i).Score(keepMasks[i])).ToArray();

        var rows = scoring.SelectMany(i => contexts[i]!.Select(context =>
            new PackedRow(context, runs[i].Scoring.Request.Target.Ids, Uncounted(i) ? null : runs[i].Meter, runs[i].Scoring.Request.Objective!.Value))).ToList();
        var values = PackedScorer.Objectives(runs[0].Input.Model, rows, runs[0].Input.BatchSize, cancellationToken);
        var result = new double[runs.Count][];
        var start = 0;
        for (var i = 0; i < runs.Count; i++)
        {
            result[i] = values[start..(start + keepMasks[i].Count)];
            start += keepMasks[i].Count;
        }

        return result;
    }

    /// <summary>Disposes the runs innermost first, the reverse of the order they were opened in.</summary>
    public void Dispose()
    {
        for (var i = runs.Count - 1; i >= 0; i--) runs[i].Dispose();
        runs.Clear();
    }
}
