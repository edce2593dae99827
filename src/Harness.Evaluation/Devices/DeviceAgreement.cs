using Harness.Evaluation.ContextAttribution;
using Harness.Evaluation.Core;

namespace Harness.Evaluation.Devices;

/// <summary>
/// What "the same value on another device" means, per metric (README "Agreement across devices"): every
/// value within <see cref="AbsoluteTolerance"/> + <see cref="RelativeTolerance"/> x |value|, or apart only
/// as far as the metric's near-ties (<see cref="DeviceTies"/>) explain, judged from what a result store
/// keeps: values, parts and float32 scores. `harness compare` applies it when the devices differ.
/// </summary>
public static class DeviceAgreement
{
    // Source: our choice. Float32 kernels differ by ~1e-6 relative in model outputs (median 1e-7 over the
    // quickstart's 1824 values, GPU vs CPU); normalising by 1 - S0 (>= 1e-4) or taking a logit of P can
    // amplify that, so the tolerance leaves 1000x of room and still catches any change a code edit makes.
    /// <summary>Absolute part of the tolerance between devices (see the source note above).</summary>
    public const double AbsoluteTolerance = 1e-4;
    /// <summary>Relative part of the tolerance between devices, times the larger |value|.</summary>
    public const double RelativeTolerance = 1e-3;

    // Source: measured, quickstart GPU vs CPU: one pi_soft_nc value moved 10% through flipped mask elements;
    // 1.5x that is the band, and flips are rare, so only a few units of a cell may use it.
    /// <summary>Relative band a value of a <see cref="DeviceTies.MaskThresholds"/> metric may move through flipped
    /// mask elements (u &lt; q decided the other way by float noise).</summary>
    public const double MaskFlipRelative = 0.15;
    /// <summary>Share of a cell x metric's units allowed to be mask flips (<see cref="AllowedMaskFlips"/>).</summary>
    public const double MaskFlipShare = 0.05;

    /// <summary>Every registered metric's rule, read from its descriptor.</summary>
    public static IReadOnlyList<DeviceAgreementRule> Rules => MetricRegistry.Entries.Select(d => new DeviceAgreementRule(d.Name, d.DeviceTies)).ToList();

    /// <summary>The rule of <paramref name="metric"/>; a metric the registry lacks (or that declares none) gets the tolerance alone.</summary>
    public static DeviceAgreementRule For(string metric) => new(metric, MetricRegistry.TryFind(metric)?.DeviceTies ?? DeviceTies.None);

    /// <summary>How <paramref name="run"/>'s value agrees with <paramref name="baseline"/>'s on another device: within
    /// tolerance (both NaN included), through the near-ties <paramref name="rule"/> allows (score order, Spearman
    /// pairs) or a mask flip, else it disagrees (a non-finite value against a finite one always does).</summary>
    public static UnitAgreement Judge(DeviceAgreementRule rule, DeviceUnit run, DeviceUnit baseline)
    {
        if (double.IsNaN(run.Value) && double.IsNaN(baseline.Value)) return UnitAgreement.WithinTolerance;
        if (!double.IsFinite(run.Value) || !double.IsFinite(baseline.Value)) return UnitAgreement.Disagrees;
        var difference = Math.Abs(run.Value - baseline.Value);
        var magnitude = Math.Max(Math.Abs(run.Value), Math.Abs(baseline.Value));
        var tolerance = AbsoluteTolerance + RelativeTolerance * magnitude;
        if (difference <= tolerance) return UnitAgreement.WithinTolerance;
        return rule.Ties switch
        {
            DeviceTies.ScoreOrder when OrderDiffersOnlyInNearTies(run.Scores, baseline.Scores) => UnitAgreement.ThroughTies,
            DeviceTies.SpearmanPairs when difference <= tolerance + SpearmanBound(run, baseline) => UnitAgreement.ThroughTies,
            DeviceTies.MaskThresholds when difference <= AbsoluteTolerance + MaskFlipRelative * magnitude => UnitAgreement.MaskFlip,
            _ => UnitAgreement.Disagrees,
        };
    }

    /// <summary>Mask flips a cell x metric of <paramref name="units"/> units may hold: 5%, at least one.</summary>
    public static int AllowedMaskFlips(int units) => Math.Max(1, (int)(MaskFlipShare * units));

    /// <summary>The units of one cell x metric that count against agreement: every disagreeing one, and the mask
    /// flips beyond <see cref="AllowedMaskFlips"/> (a real change moves many units; float noise flips few).</summary>
    public static int Disagreements(IReadOnlyCollection<UnitAgreement> units) =>
        units.Count(u => u == UnitAgreement.Disagrees) + Math.Max(0, units.Count(u => u == UnitAgreement.MaskFlip) - AllowedMaskFlips(units.Count));

    /// <summary>How far LDS may move through swapped near-ties: the larger near-tie count of the two runs times the
    /// most one swap moves Spearman over n masks. A store without the count (older runs) explains nothing.</summary>
    public static double SpearmanBound(DeviceUnit run, DeviceUnit baseline)
    {
        double Part(DeviceUnit unit, PartKey name) => unit.Parts.TryGetValue(name, out var v) && double.IsFinite(v) ? v : 0;
        var masks = (int)Math.Max(Part(run, Lds.MasksPart), Part(baseline, Lds.MasksPart));
        var pairs = Math.Max(Part(run, Lds.NearTiesPart), Part(baseline, Lds.NearTiesPart));
        return masks < 2 ? 0 : pairs * RankCorrelation.MaxChangePerSwap(masks);
    }

    /// <summary>True when the two score vectors rank their positions differently (highest first, ties by position,
    /// as the metrics select) and every pair ranked the other way is near-tied in both: the selections may differ,
    /// but only through float noise. Identical orders explain nothing: the same selection must give the same value.</summary>
    public static bool OrderDiffersOnlyInNearTies(IReadOnlyList<float> run, IReadOnlyList<float> baseline)
    {
        if (run.Count != baseline.Count || run.Count < 2) return false;
        var (runRank, baselineRank) = (Ranks(run), Ranks(baseline));
        if (runRank.AsSpan().SequenceEqual(baselineRank)) return false;
        var (runScale, baselineScale) = (NearTies.Scale(run.Select(s => (double)s)), NearTies.Scale(baseline.Select(s => (double)s)));
        for (var i = 0; i < run.Count; i++)
            for (var j = i + 1; j < run.Count; j++)
            {
                var swapped = runRank[i] < runRank[j] != baselineRank[i] < baselineRank[j];
                if (swapped && !(NearTies.Tied(run[i], run[j], runScale) && NearTies.Tied(baseline[i], baseline[j], baselineScale))) return false;
            }

        return true;
    }

    /// <summary>Each position's place when sorted by score, highest first, ties by position (RationaleAgreement.TopK's order).</summary>
    private static int[] Ranks(IReadOnlyList<float> scores)
    {
        var ranks = new int[scores.Count];
        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ThenBy(i => i).ToArray();
        for (var place = 0; place < order.Length; place++) ranks[order[place]] = place;
        return ranks;
    }
}
