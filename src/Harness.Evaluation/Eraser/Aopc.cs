using System.Globalization;
using Harness.Evaluation.Core;
using Harness.Scoring;
using Harness.Evaluation.Devices;

namespace Harness.Evaluation.Eraser;

/// <summary>
/// aopc_comprehensiveness / aopc_sufficiency (DeYoung et al. 2020, ERASER; spec/metrics.md section 4).
/// For each threshold k: R_k = the top n_k sources by score (<see cref="EraserRationale"/>);
/// comp_k = Q_y - P_y(x without R_k), suff_k = Q_y - P_y(R_k only); the value is AOPC, the mean of
/// comp_k (suff_k) over the thresholds (no k = 0 term). Parts: "k=1", ... (the raw values),
/// "normalized_k=1", ... and "normalized" (their mean), "q_y", "s0".
/// Harness choices:
/// - The units are the input's sources (one per region token when null); L is their number and
///   positions outside the region or in no source are never removed.
/// - P_y of a span target is the probability of the whole span, exp(sum_t log p(y_t | ...)).
/// - Normalised variants as Carton et al. 2020 (and Soft-NS/NC of section 1): with
///   S(r) = 1 - max(0, Q_y - P_y(r only)) and the null rationale's S0 = S(empty), i.e. every source
///   removed (its drop Q_y - P_y(empty) is both the sufficiency of the empty rationale and the
///   comprehensiveness of removing everything), normalized comp_k = max(0, comp_k) / (1 - S0) and
///   normalized suff_k = max(0, S(R_k) - S0) / (1 - S0). Note the sense: normalized sufficiency is
///   higher-better (how much of the null drop the rationale alone recovers), raw suff_k lower-better.
///   When 1 - S0 &lt;= 1e-4 the normalized parts are NaN (nothing to normalise by); the raw value stays.
/// - Forward passes: one per distinct n_k, all thresholds in one batched call; Q_y and the null
///   rationale come from the example memo (one pass each for the example's first attributor).
/// </summary>
public sealed class Aopc : IMetric
{
    /// <summary>The spec's and YAML's name of the comprehensiveness metric.</summary>
    public const string ComprehensivenessName = "aopc_comprehensiveness";
    /// <summary>The spec's and YAML's name of the sufficiency metric.</summary>
    public const string SufficiencyName = "aopc_sufficiency";

    /// <summary>The registry's entry for aopc_comprehensiveness.</summary>
    public static MetricDescriptor Comprehensiveness { get; } = new(ComprehensivenessName, typeof(EraserOptions), o => new Aopc(EraserMeasure.Comprehensiveness, (EraserOptions?)o))
    {
        Summary = "AOPC comprehensiveness (DeYoung et al. 2020, ERASER): mean drop of p(target) with the top k% removed",
        AxisTitle = "Comprehensiveness (Δ p(target))",
        DeviceTies = DeviceTies.ScoreOrder,
        Passes = AopcPasses,
    };

    /// <summary>The registry's entry for aopc_sufficiency.</summary>
    public static MetricDescriptor Sufficiency { get; } = new(SufficiencyName, typeof(EraserOptions), o => new Aopc(EraserMeasure.Sufficiency, (EraserOptions?)o))
    {
        Summary = "AOPC sufficiency (DeYoung et al. 2020, ERASER): mean drop of p(target) with only the top k% kept",
        AxisTitle = "Sufficiency (Δ p(target))",
        DeviceTies = DeviceTies.ScoreOrder,
        Passes = AopcPasses,
    };

    // Source: DeYoung et al. 2020: Q_y and one input per distinct n_k; S0 (every source removed) for Carton et al.'s
    // normalised parts, which the metric always reports.
    private static PassRule AopcPasses => PassRule.For<EraserOptions>("Q + distinct n_k + S0", "spec/metrics.md 4",
        (o, units) => new PassEstimate(2 + o.Thresholds.Select(k => EraserRationale.Size(k, Math.Max(1, (int)Math.Round(units)))).Distinct().Count(), 0));

    /// <summary>Section 1's guard on 1 - S0.</summary>
    private const double DegenerateNull = 1e-4;

    private readonly EraserMeasure measure;
    private readonly EraserOptions options;

    /// <summary>AOPC of <paramref name="measure"/>; null options take <see cref="EraserOptions"/>' defaults.</summary>
    /// <exception cref="MetricException">Empty thresholds, one outside [1, 100] or a repeated one.</exception>
    public Aopc(EraserMeasure measure, EraserOptions? options = null)
    {
        this.measure = measure;
        this.options = options ?? new EraserOptions();
        var thresholds = this.options.Thresholds;
        if (thresholds.Count == 0) throw new MetricException($"{Name} option thresholds is empty; valid: distinct integers in [1, 100]");
        foreach (var k in thresholds)
            if (k is < 1 or > 100) throw new MetricException($"{Name} option thresholds={k}: valid: integers in [1, 100]");
        if (thresholds.Distinct().Count() != thresholds.Count)
            throw new MetricException($"{Name} option thresholds={string.Join(',', thresholds)}: valid: distinct integers in [1, 100]");
    }

    /// <inheritdoc />
    public string Name => measure == EraserMeasure.Comprehensiveness ? ComprehensivenessName : SufficiencyName;

    /// <inheritdoc />
    public MetricResult Evaluate(MetricInput input, CancellationToken cancellationToken = default)
    {
        using var run = new MetricRun(input, Objective.LogProb, cancellationToken);
        if (run.ScoresUnusable) return run.Unusable();
        var ablator = new MetricAblator(run, options.Ablation);
        var n = ablator.Features;
        var sizes = options.Thresholds.Select(k => EraserRationale.Size(k, n)).ToArray();
        var distinct = sizes.Distinct().ToArray();
        // Comprehensiveness keeps everything but R_k; sufficiency keeps R_k only.
        var masks = distinct.Select(size => EraserRationale.Mask(input.Scores, size))
            .Select(r => measure == EraserMeasure.Comprehensiveness ? r.Select(inR => !inR).ToArray() : r)
            .ToList();

        var q = Math.Exp(IntactContext.LogProbability(run));
        var nullDrop = q - Math.Exp(Memoised.Get(input, new NullRationaleKey(options.Ablation), () => ablator.Score([new bool[n]])[0]));
        cancellationToken.ThrowIfCancellationRequested();
        var drops = ablator.Score(masks).Select(logP => q - Math.Exp(logP)).ToArray();
        var raw = sizes.Select(size => drops[Array.IndexOf(distinct, size)]).ToArray();

        var s0 = 1 - Math.Max(0, nullDrop);
        var normalized = raw.Select(d => Normalize(d, s0)).ToArray();
        var parts = new Dictionary<PartKey, double>();
        for (var i = 0; i < raw.Length; i++) parts[AtThreshold(options.Thresholds[i])] = raw[i];
        for (var i = 0; i < raw.Length; i++) parts[new PartKey("normalized_k", options.Thresholds[i])] = normalized[i];
        parts[new PartKey("normalized")] = normalized.Average();
        parts[IntactProbabilityPart] = q;
        parts[new PartKey("s0")] = s0;
        return run.Finish(raw.Average(), parts);
    }

    /// <summary>Carton et al.'s normalisation of one drop by the null rationale (see the class summary).</summary>
    private double Normalize(double drop, double s0)
    {
        if (1 - s0 <= DegenerateNull) return double.NaN;
        return measure == EraserMeasure.Comprehensiveness
            ? Math.Max(0, drop) / (1 - s0)
            : Math.Max(0, 1 - Math.Max(0, drop) - s0) / (1 - s0);
    }

    /// <summary>"k=5": the part holding the drop at threshold k (the curve the report draws).</summary>
    public static PartKey AtThreshold(int k) => new("k", k);

    /// <summary>"q_y": the part holding the intact context's probability of the target (the report's heatmap caption).</summary>
    public static readonly PartKey IntactProbabilityPart = new("q_y");

    /// <summary>The memo's key of log P(y) with every source ablated (the null rationale), shared by comprehensiveness and sufficiency.</summary>
    private sealed record NullRationaleKey(Ablation Ablation) : MemoKey;
}
