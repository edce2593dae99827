using Harness.Models;
using Harness.Torch;

namespace Harness.Scoring;

/// <summary>A context to score for one attribution of a pack: its own target and objective, and the meter its forward pass counts
/// on (none for a row scored only to keep a pass's rows the same, whose value the caller already has).</summary>
public sealed record PackedRow(IReadOnlyList<long> Context, IReadOnlyList<long> Target, CostMeter? Meter, Objective Objective);

/// <summary>
/// Scores contexts of several attributions together (issue 27, items 3 and 4): each row brings its own context and
/// target, rows of different lengths share a left-padded forward pass (<see cref="LeftPadded"/>), and each row gets
/// the objective and, from <see cref="Score(ILanguageModel, IReadOnlyList{PackedRow}, int, CancellationToken)"/>, the
/// worst rank of its target (<see cref="TargetScorer.TargetRanks"/>), so one pass serves ReAGent's updates and stopping
/// tests; <see cref="Objectives"/> leaves the ranks out. No prefix cache (the rows' prefixes differ): the values equal the
/// per-attribution <see cref="TargetScorer"/>'s up to floating-point summation order. Batches of
/// <c>batchSize</c> rows, halved on out-of-memory; each row counts one sequence of the padded length on its meter.
/// </summary>
public static class PackedScorer
{
    /// <summary>Per row: the objective of its target after its context, and its target's worst rank among the vocabulary;
    /// <paramref name="cancellationToken"/> is heard before each batch.</summary>
    public static (double[] Objective, int[] Rank) Score(ILanguageModel model, IReadOnlyList<PackedRow> rows, int batchSize, CancellationToken cancellationToken = default) =>
        Score(model, rows, batchSize, withRanks: true, cancellationToken);

    /// <summary>Per row: the objective of its target after its context, as <see cref="Score(ILanguageModel, IReadOnlyList{PackedRow}, int, CancellationToken)"/>
    /// without the ranks (no comparison of each predicting position's logits across the vocabulary).</summary>
    public static double[] Objectives(ILanguageModel model, IReadOnlyList<PackedRow> rows, int batchSize, CancellationToken cancellationToken = default) =>
        Score(model, rows, batchSize, withRanks: false, cancellationToken).Objective;

    private static (double[] Objective, int[] Rank) Score(ILanguageModel model, IReadOnlyList<PackedRow> rows, int batchSize, bool withRanks, CancellationToken cancellationToken)
    {
        var values = new double[rows.Count];
        var ranks = new int[rows.Count];
        using var noGrad = torch.no_grad();
        OutOfMemoryBackoff.ForEachBatch(rows.Count, Math.Max(1, batchSize), (start, size) =>
        {
            var batch = rows.Skip(start).Take(size).ToList();
            var (v, r) = ScoreBatch(model, batch, withRanks);
            v.CopyTo(values, start);
            r?.CopyTo(ranks, start);
        }, cancellationToken);
        return (values, ranks);
    }

    private static (double[] Objective, int[]? Rank) ScoreBatch(ILanguageModel model, IReadOnlyList<PackedRow> rows, bool withRanks)
    {
        var sequences = rows.Select(r => (IReadOnlyList<long>)r.Context.Concat(r.Target.Take(r.Target.Count - 1)).ToArray()).ToList();
        var longest = sequences.Max(s => s.Count);
        foreach (var row in rows) row.Meter?.CountForward(1, longest);
        var (b, m) = (rows.Count, rows.Max(r => r.Target.Count));
        var logits = LeftPadded.Logits(model, sequences, null, m);
        // The last m positions, those predicting the longest target; a row with a shorter one reads its last m_r.
        var predicting = logits.narrow(1, logits.size(1) - m, m).to(logits.dtype == ScalarType.Float64 ? ScalarType.Float64 : ScalarType.Float32); // [B, m, V]
        var index = new long[b * m];
        var used = new float[b * m];
        for (var row = 0; row < b; row++)
        {
            var target = rows[row].Target;
            for (var j = 0; j < target.Count; j++)
            {
                index[row * m + m - target.Count + j] = target[j];
                used[row * m + m - target.Count + j] = 1;
            }
        }

        var device = model.Device;
        var indexTensor = torch.tensor(index, [b, m, 1], device: device);                                 // [B, m, 1]
        var usedTensor = torch.tensor(used, [b, m], device: device).to(predicting.dtype);                 // [B, m]
        var targetLogits = predicting.gather(2, indexTensor);                                             // [B, m, 1]
        var logProbability = predicting.log_softmax(-1).gather(2, indexTensor).view(b, m).mul(usedTensor).sum(1); // [B]
        // Queued before the first read back, so the device computes the ranks while the values copy to the host.
        var rank = withRanks ? predicting.gt(targetLogits).sum(2).mul(usedTensor.to(ScalarType.Int64)).max(1).values : null; // [B]
        var lastLogit = targetLogits.select(1, m - 1).view(b);                                            // [B]
        // As TargetScorer's objective: a single token's logit or probability (exp in the model's dtype), else the summed log-probability.
        double[] Read(Tensor t) => t.to(ScalarType.Float64).cpu().ToArray<double>();
        var (logProbabilities, probabilities, logitValues) = (Read(logProbability), Read(logProbability.exp()), Read(lastLogit));
        var values = new double[b];
        for (var row = 0; row < b; row++)
            values[row] = rows[row].Target.Count != 1 ? logProbabilities[row]
                : rows[row].Objective == Objective.Logit ? logitValues[row]
                : rows[row].Objective == Objective.Prob ? probabilities[row]
                : logProbabilities[row];
        return (values, rank?.cpu().ToArray<long>().Select(r => (int)r).ToArray());
    }
}
