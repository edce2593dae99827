using System.Globalization;
using Harness.Evaluation.Core;
using Harness.Scoring;
using Harness.Evaluation.Devices;

namespace Harness.Evaluation.ContextAttribution;

/// <summary>
/// lds, the linear datamodeling score (Park et al. 2023 via ContextCite, Cohen-Wang et al. 2024;
/// spec/metrics.md section 5): N random source masks v_i (each source kept with probability 0.5),
/// seeded by <see cref="MetricInput.Seed"/>; LDS = Spearman's rank correlation between f(v_i), the
/// response's logit-probability with the masked-out sources ablated, and the attributor's linear
/// prediction sum_j s_j v_ij. Higher is better. The masks and their f(v_i) depend only on the example
/// and the options, so they go into the example memo keyed by (seed, N, keep probability, ablation,
/// output, the cell's context, target, region and sources): the example's first attributor runs N
/// forward passes, every other one none; the runner packs the masks of several examples into shared passes
/// (<see cref="IPackedMetric"/>) when N is below batch_size. Constant predictions (e.g. one source kept in every mask
/// or all-zero scores) or constant outputs leave the correlation undefined: NaN, flagged
/// "constant_predictions" / "constant_outputs". Parts: "masks" (N) and "near_ties", the pairs of masks
/// whose outputs or whose predictions are near-tied (<see cref="NearTies"/>; pairs of identical masks
/// excluded, they are tied on every device): each such pair may rank the other way on another device,
/// moving the value by at most <see cref="RankCorrelation.MaxChangePerSwap"/> (DeviceAgreement).
/// </summary>
public sealed class Lds : IPackedMetric
{
    /// <summary>The spec's and YAML's name of this metric.</summary>
    public const string MetricName = "lds";

    /// <summary>The registry's entry for this metric.</summary>
    public static MetricDescriptor Descriptor { get; } = new(MetricName, typeof(LdsOptions), o => new Lds((LdsOptions?)o))
    {
        Summary = "LDS (ContextCite): Spearman correlation of the response's output under random source masks with the scores' sums",
        AxisTitle = "LDS (Spearman ρ)",
        DeviceTies = DeviceTies.SpearmanPairs,
        // Source: ContextCite: Spearman between f(v_i) and sum_j s_j v_ij over the masks; f(all) is not in it.
        Passes = PassRule.For<LdsOptions>("masks f(v_i)", "spec/metrics.md 5", (o, _) => new PassEstimate(o.Masks, 0)),
    };
    /// <summary>Every mask's prediction sum_j s_j v_ij is the same, so Spearman's rho is undefined: the value is NaN.</summary>
    public static readonly MetricFlag ConstantPredictions = new("constant_predictions");
    /// <summary>Every mask's output f(v_i) is the same, so Spearman's rho is undefined: the value is NaN.</summary>
    public static readonly MetricFlag ConstantOutputs = new("constant_outputs");
    /// <summary>Part "masks": the number N of random masks, which bounds how far a near-tie swap moves the value.</summary>
    public static readonly PartKey MasksPart = new("masks");
    /// <summary>Part "near_ties": pairs of distinct masks whose outputs or predictions are near-tied (<see cref="NearTies"/>),
    /// read by <see cref="DeviceAgreement.SpearmanBound"/>.</summary>
    public static readonly PartKey NearTiesPart = new("near_ties");

    private readonly LdsOptions options;

    /// <summary>An LDS metric; null options take <see cref="LdsOptions"/>' defaults.</summary>
    /// <exception cref="MetricException">Fewer than 2 masks or a keep probability outside (0, 1).</exception>
    public Lds(LdsOptions? options = null)
    {
        this.options = options ?? new LdsOptions();
        if (this.options.Masks < 2) throw new MetricException($"{MetricName} option masks={this.options.Masks}: valid: integers >= 2");
        if (this.options.KeepProbability is not (> 0 and < 1))
            throw new MetricException($"{MetricName} option keep_probability={this.options.KeepProbability.ToString(CultureInfo.InvariantCulture)}: valid: numbers in (0, 1)");
    }

    /// <inheritdoc />
    public string Name => MetricName;

    /// <inheritdoc />
    public MetricResult Evaluate(MetricInput input, CancellationToken cancellationToken = default) => EvaluateMany([input], cancellationToken)[0];

    /// <summary>The inputs of a pack score their N masks together, N rows each, batch_size a pass (none once an earlier attributor
    /// of each example drew them).</summary>
    public int EvaluationsPerPack(int batchSize) => Math.Max(1, batchSize / options.Masks);

    /// <inheritdoc />
    /// <remarks>
    /// A pack of several inputs scores its masks all together or not at all: when any input with sources lacks its samples in
    /// its memo, every input with sources draws and scores its N masks, whatever its scores (NaN scores too, which memoises
    /// them for the example's other attributors) and whether its memo already holds them (that input keeps the memo's outputs
    /// and its rows count on no meter). A pass's float summation order follows its rows, so this keeps an example's f(v_i)
    /// independent of its packmates' attributor and of which examples a resumed run memoised first. Alone, an input with
    /// unusable scores scores nothing.
    /// </remarks>
    public IReadOnlyList<MetricResult> EvaluateMany(IReadOnlyList<MetricInput> inputs, CancellationToken cancellationToken = default)
    {
        using var pack = new MetricPack(inputs, Objective.LogProb, cancellationToken);
        var runs = pack.Runs;
        var memoised = inputs.Select(MemoisedSamples).ToArray();
        bool Scorable(int i) => runs[i].Sources.Count > 0 && !(runs.Count == 1 && runs[i].ScoresUnusable);
        var scoring = Enumerable.Range(0, runs.Count).Where(Scorable).ToList();
        if (scoring.All(i => memoised[i] is not null)) scoring.Clear();
        var ablators = new MetricAblator?[runs.Count];
        var masks = new IReadOnlyList<bool[]>[runs.Count];
        for (var i = 0; i < runs.Count; i++) masks[i] = [];
        foreach (var i in scoring)
        {
            ablators[i] = new MetricAblator(runs[i], options.Ablation);
            masks[i] = Draw(ablators[i]!.Features, inputs[i].Seed);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var logProbabilities = pack.Score(ablators, masks, scoring.Where(i => memoised[i] is not null).ToHashSet());
        return runs.Select((run, i) =>
        {
            LdsSamples Drawn() => new(masks[i], logProbabilities[i].Select(logP => options.Output.Apply(logP)).ToList());
            var samples = memoised[i] ?? (masks[i].Count > 0 ? Memoised.Get(inputs[i], Key(inputs[i]), Drawn) : null);
            return run.ScoresUnusable || samples is null ? run.Unusable() : Finish(run, samples);
        }).ToList();
    }

    /// <summary>The masks and outputs f(v_i) <paramref name="input"/>'s example memo holds for this metric's options, once an
    /// attributor of the example was evaluated; null before (or without a memo).</summary>
    public LdsSamples? MemoisedSamples(MetricInput input) => Memoised.TryGet<LdsSamples>(input, Key(input), out var samples) ? samples : null;

    /// <summary>Spearman's rho between the masks' outputs and the scores' linear predictions, with its flags and parts.</summary>
    private MetricResult Finish(MetricRun run, LdsSamples samples)
    {
        var scores = run.Input.Scores;
        var predictions = samples.Masks.Select(v => v.Select((kept, j) => kept ? (double)scores[j] : 0).Sum()).ToArray();
        var constantPredictions = predictions.All(p => p == predictions[0]);
        var constantOutputs = samples.Outputs.All(f => f == samples.Outputs[0]);
        if (constantPredictions) run.Flag(ConstantPredictions);
        if (constantOutputs) run.Flag(ConstantOutputs);
        var value = constantPredictions || constantOutputs ? double.NaN : RankCorrelation.Spearman(samples.Outputs, predictions);
        bool Distinct(int i, int j) => !samples.Masks[i].AsSpan().SequenceEqual(samples.Masks[j]);
        var nearTies = NearTies.Pairs(samples.Outputs, Distinct) + NearTies.Pairs(predictions, Distinct);
        return run.Finish(value, new Dictionary<PartKey, double> { [MasksPart] = options.Masks, [NearTiesPart] = nearTies });
    }

    private SamplesKey Key(MetricInput input) => new(input.Seed, options.Masks, options.KeepProbability, options.Ablation, options.Output);

    /// <summary>The memo's key of the N masks and their outputs: every setting they are drawn and scored with.</summary>
    private sealed record SamplesKey(ulong Seed, int Masks, double KeepProbability, Ablation Ablation, ResponseOutput Output) : MemoKey;

    /// <summary>The N masks, drawn in order from one generator seeded by the input's seed.</summary>
    private List<bool[]> Draw(int features, ulong seed)
    {
        using var sampler = new CoalitionSampler(seed);
        return Enumerable.Range(0, options.Masks).Select(_ => sampler.KeepMask(features, options.KeepProbability)).ToList();
    }
}
