using Harness.Evaluation.Core;
using Harness.Torch;

namespace Harness.Evaluation.Soft;

/// <summary>
/// The soft perturbation of spec/metrics.md section 1, shared by soft_ns, soft_nc and the pi variants:
/// element d of token i's word embedding is kept with probability q_i (e_i * m_i, m_{i,d} ~ Bernoulli(q_i));
/// position embeddings are added inside Forward and never masked. Only tokens of the attributed units
/// are perturbed: a unit's q goes to each of its tokens; positions outside the region or in no unit keep
/// q = 1. Distances to the intact Q (<see cref="DistributionDistance"/>) are averaged over the samples.
/// <para>Masks: m = (u &lt; q) with uniforms u [samples, region, D] drawn on the CPU from a generator
/// seeded by <see cref="MetricInput.Seed"/> (same seed: same masks on CPU and GPU), the k-th sample's
/// uniforms shared by every keep vector, so every attributor and every pi of an example sees the same
/// random stream (common random numbers; masks are nested in q). q in {0, 1} is exact: u lies in [0, 1).</para>
/// <para>Passes: Q (one sequence) and S0 (one) come from the example's memo when the input has one,
/// keyed by context, target, distance and the zeroed positions; S0's row runs alone, each keep vector's
/// samples run in batches of the input's batch size with
/// out-of-memory back-off, continuing the cached prefix where a batch leaves it intact.</para>
/// </summary>
public sealed class SoftPerturbation(MetricRun run, SoftDistance distance, int samples, bool keepQuery)
{
    /// <summary>S0 and the mean distance for each keep vector (one keep probability per attributed unit).</summary>
    public SoftEvaluation Evaluate(IReadOnlyList<double[]> unitKeeps)
    {
        foreach (var keep in unitKeeps)
            if (keep.Length != run.Sources.Count) throw new ArgumentException($"{keep.Length} keep probabilities for {run.Sources.Count} units");
        var memo = run.Input.Memo ?? new ExampleMemo();
        var example = $"context={string.Join(",", run.Input.ContextIds)}/target={string.Join(",", run.Input.Target.Ids)}";
        var q = memo.GetOrAdd(new IntactKey(example), IntactDistribution);
        var vocabulary = q.Length / run.Input.Target.Ids.Count;
        var intact = torch.tensor(q, [run.Input.Target.Ids.Count, vocabulary], device: run.Input.Model.Device); // [m, V]
        var rows = unitKeeps.SelectMany(keep => Enumerable.Range(0, samples).Select(k => new Row(TokenKeep(keep), k))).ToList();
        var zeroed = ZeroedForS0();

        // S0 runs in a batch of its own, never beside the samples: a row's numbers then never depend on
        // whether the memo already held S0 (a resumed run equals an uninterrupted one bit for bit).
        var s0Key = new S0Key(distance, new string(zeroed.Select(z => z ? '1' : '0').ToArray()), example);
        var s0 = memo.GetOrAdd(s0Key, () => 1 - Distances([new Row(zeroed.Select(z => z ? 0.0 : 1.0).ToArray(), null)], intact)[0]);
        var distances = Distances(rows, intact);

        var means = Enumerable.Range(0, unitKeeps.Count).Select(c => distances.Skip(c * samples).Take(samples).Sum() / samples).ToArray();
        return new SoftEvaluation(s0, means);
    }

    /// <summary>The memo's key of Q: the example's context and target ids (as "context=../target=..").</summary>
    private sealed record IntactKey(string Example) : MemoKey;

    /// <summary>The memo's key of S0: the distance, the zeroed positions ('1' zeroed) and the example.</summary>
    private sealed record S0Key(SoftDistance Distance, string Zeroed, string Example) : MemoKey;

    /// <summary>One perturbed sequence: q per context token, and the sample whose uniforms draw its
    /// mask (null: q is 0 or 1 everywhere and needs no draw).</summary>
    private sealed record Row(double[] TokenKeep, int? Sample);

    /// <summary>Q flattened [m * V] as float64 probabilities.</summary>
    private double[] IntactDistribution()
    {
        using var scope = torch.NewDisposeScope();
        return run.Scorer.UnperturbedLogProbabilities().to(ScalarType.Float64).exp().cpu().ToArray<double>();
    }

    /// <summary>q per context token from q per unit: 1 outside the region and for tokens in no unit.</summary>
    private double[] TokenKeep(double[] unitKeep)
    {
        var keep = Enumerable.Repeat(1.0, run.Input.ContextIds.Count).ToArray();
        for (var g = 0; g < run.Sources.Count; g++)
            foreach (var position in run.Sources.Groups[g]) keep[run.RegionStart + position] = unitKeep[g];
        return keep;
    }

    /// <summary>The context positions P_0 zeroes: all of them, or with keep_query only the units' tokens.</summary>
    private bool[] ZeroedForS0()
    {
        var zeroed = Enumerable.Repeat(!keepQuery, run.Input.ContextIds.Count).ToArray();
        if (keepQuery)
            foreach (var position in run.Sources.Groups.SelectMany(g => g)) zeroed[run.RegionStart + position] = true;
        return zeroed;
    }

    /// <summary>D(P, Q) of every row, batched.</summary>
    private double[] Distances(IReadOnlyList<Row> rows, Tensor intact)
    {
        var (start, length, contextLength) = (run.RegionStart, run.RegionLength, run.Input.ContextIds.Count);
        var dimension = run.Scorer.ContextEmbeddings().size(2);
        using var generator = new Generator(run.Input.Seed);
        Tensor? uniforms = rows.Any(r => r.Sample is not null)
            ? torch.rand([samples, length, dimension], generator, device: Device.CPU)                     // [S, Lr, D], CPU
            : null;
        var targetIds = run.Input.Target.Ids;

        Tensor Scales(int first, int size) => torch.stack(rows.Skip(first).Take(size).Select(row =>
        {
            var keep = torch.tensor(row.TokenKeep.Select(k => (float)k).ToArray(), [contextLength, 1], device: Device.CPU); // [L, 1], beside the uniforms; the scorer moves the scales
            var scale = keep.expand(contextLength, dimension).contiguous();                               // [L, D]
            if (row.Sample is { } k)
            {
                var region = uniforms!.select(0, k).lt(keep.narrow(0, start, length)).to(ScalarType.Float32); // [Lr, D]
                scale.narrow(0, start, length).copy_(region);
            }

            return scale;
        }).ToList());                                                                                      // [n, L, D]

        bool KeepsPrefix(int row) => rows[row].TokenKeep.Take(start).All(k => k == 1);

        Tensor Measure(Tensor logits) =>
            DistributionDistance.Between(distance, logits.to(ScalarType.Float64).softmax(-1), intact, targetIds);

        return run.Scorer.ScoreScaledEmbeddings(rows.Count, Scales, KeepsPrefix, Measure);
    }
}
