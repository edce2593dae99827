using System.Globalization;
using Harness.Evaluation.Core;
using Harness.Scoring;
using Harness.Evaluation.Devices;

namespace Harness.Evaluation.Soft;

/// <summary>
/// pi_soft_ns and pi_soft_nc (the Grad-ELLM paper's pi variants; spec/metrics.md section 3): at each
/// expected keep fraction pi the scores give q_i(pi) (<see cref="KeepProbabilities.AtFraction"/>), and
/// Soft-NS/NC of section 1 follow with keep q_i(pi) or 1 - q_i(pi) and the same S0. The value is the
/// area under the curve over the pis (trapezoid divided by the pi range; one pi: its value). Parts:
/// the normalised value at each pi ("pi=0.1", ...), the raw SS or SC there ("ss pi=0.1", ...), s0 and
/// samples. Every pi's samples and S0 run in the same batches (<see cref="SoftPerturbation"/>); a
/// degenerate S0 gives NaN values flagged "degenerate_s0".
/// </summary>
public sealed class PiSoftMetric : IMetric
{
    /// <summary>The spec's and YAML's name of the sufficiency variant.</summary>
    public const string SufficiencyName = "pi_soft_ns";
    /// <summary>The spec's and YAML's name of the comprehensiveness variant.</summary>
    public const string ComprehensivenessName = "pi_soft_nc";

    /// <summary>The registry's entry for pi_soft_ns.</summary>
    public static MetricDescriptor Sufficiency { get; } = new(SufficiencyName, typeof(PiSoftOptions), o => new PiSoftMetric(SoftSide.Sufficiency, (PiSoftOptions?)o))
    {
        Summary = "pi-Soft-NS (Grad-ELLM): Soft-NS over the top pi share of sources, for each pi",
        AxisTitle = "π-Soft-NS (normalised, 0-1)",
        DeviceTies = DeviceTies.MaskThresholds,
        Passes = PiPasses,
    };

    /// <summary>The registry's entry for pi_soft_nc.</summary>
    public static MetricDescriptor Comprehensiveness { get; } = new(ComprehensivenessName, typeof(PiSoftOptions), o => new PiSoftMetric(SoftSide.Comprehensiveness, (PiSoftOptions?)o))
    {
        Summary = "pi-Soft-NC (Grad-ELLM): Soft-NC over the top pi share of sources, for each pi",
        AxisTitle = "π-Soft-NC (normalised by 1 - S0)",
        DeviceTies = DeviceTies.MaskThresholds,
        Passes = PiPasses,
    };

    // Source: spec/metrics.md 3 (Grad-ELLM): Q, S0, then the samples at every pi.
    private static PassRule PiPasses => PassRule.For<PiSoftOptions>("Q + S0 + samples x |pis|", "spec/metrics.md 3", (o, _) => new PassEstimate(2 + o.Samples * o.Pis.Count, 0));

    private readonly SoftSide side;
    private readonly PiSoftOptions options;

    /// <summary>The pi variant of Soft-NS or Soft-NC (<paramref name="side"/>); null options take <see cref="PiSoftOptions"/>' defaults.</summary>
    /// <exception cref="MetricException">Fewer than 1 sample, or pis empty, outside (0, 1) or not increasing.</exception>
    public PiSoftMetric(SoftSide side, PiSoftOptions? options = null)
    {
        this.side = side;
        this.options = options ?? new PiSoftOptions();
        if (this.options.Samples < 1)
            throw new MetricException($"{Name} option samples={this.options.Samples} is out of range: give at least 1 mask per pi");
        var pis = this.options.Pis;
        if (pis.Count == 0 || pis.Any(pi => !(pi > 0 && pi < 1)) || pis.Zip(pis.Skip(1)).Any(p => p.Second <= p.First))
            throw new MetricException($"{Name} option pis={string.Join(",", pis.Select(Format))} is out of range: "
                + "give at least one keep fraction, each in (0, 1), in increasing order");
    }

    /// <inheritdoc />
    public string Name => side == SoftSide.Sufficiency ? SufficiencyName : ComprehensivenessName;

    /// <inheritdoc />
    public MetricResult Evaluate(MetricInput input, CancellationToken cancellationToken = default)
    {
        using var run = new MetricRun(input, cancellationToken: cancellationToken);
        if (run.ScoresUnusable) return run.Unusable();
        var scores = KeepProbabilities.NonNegative(input.Scores, options.Negative);
        var keeps = options.Pis.Select(pi => KeepProbabilities.AtFraction(scores, pi))
            .Select(q => side == SoftSide.Sufficiency ? q : q.Select(x => 1 - x).ToArray())
            .ToList();

        var evaluation = new SoftPerturbation(run, options.Distance, options.Samples, options.KeepQuery).Evaluate(keeps);

        if (evaluation.IsDegenerate) run.Flag(SoftEvaluation.DegenerateS0);
        var curve = Enumerable.Range(0, keeps.Count).Select(i => evaluation.Normalised(side, i)).ToArray();
        var parts = new Dictionary<PartKey, double>();
        for (var i = 0; i < curve.Length; i++)
        {
            parts[AtPi(options.Pis[i])] = curve[i];
            parts[AtPi(options.Pis[i]) with { Measure = side == SoftSide.Sufficiency ? "ss" : "sc" }] = evaluation.Raw(side, i);
        }

        parts[new PartKey("s0")] = evaluation.S0;
        parts[new PartKey("samples")] = options.Samples;
        return run.Finish(Area(options.Pis, curve), parts);
    }

    /// <summary>Trapezoid area under (pis, values) divided by the pi range; a single pi gives its value.</summary>
    public static double Area(IReadOnlyList<double> pis, IReadOnlyList<double> values)
    {
        if (pis.Count != values.Count || pis.Count == 0) throw new ArgumentException($"{values.Count} values for {pis.Count} pis");
        if (pis.Count == 1) return values[0];
        var area = 0.0;
        for (var i = 1; i < pis.Count; i++) area += (pis[i] - pis[i - 1]) * (values[i] + values[i - 1]) / 2;
        return area / (pis[^1] - pis[0]);
    }

    /// <summary>"pi=0.1": the part holding the curve's value at <paramref name="pi"/> (the curve the report draws).</summary>
    public static PartKey AtPi(double pi) => new("pi", pi);

    private static string Format(double pi) => pi.ToString("0.####", CultureInfo.InvariantCulture);
}
