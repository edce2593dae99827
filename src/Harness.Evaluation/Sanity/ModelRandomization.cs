using Harness.Evaluation.ContextAttribution;
using Harness.Evaluation.Core;
using Harness.Models.Loading;
using Harness.Scoring;

namespace Harness.Evaluation.Sanity;

/// <summary>
/// model_randomization (spec/metrics.md section 8; Adebayo et al. 2018, "Sanity checks for saliency maps", cascading
/// model parameter randomisation): the cell's attributor explains the item again on a copy of the model whose top
/// `layers` decoder blocks are re-initialised (<see cref="TopLayerReinitialisation"/>), with the item's seed, and the
/// value is Spearman's rho between the two score vectors over the sources. An attribution that explains the model
/// changes with it: lower is better, and a method that ignores the model (random) gets 1. Part `spearman_abs`: rho of the
/// absolute scores, the paper's second measure (a sign flip alone then counts as no change). Either side constant:
/// NaN, flagged `constant_scores`. The attribution made again is the metric's cost.
/// </summary>
public sealed class ModelRandomization(ModelRandomizationOptions? options = null) : IMetric
{
    /// <summary>The spec's and YAML's name of this metric.</summary>
    public const string MetricName = "model_randomization";

    /// <summary>The scores of the original or of the randomised model do not vary: no rank correlation.</summary>
    public static readonly MetricFlag ConstantScores = new("constant_scores");

    /// <summary>One source: nothing to rank, no value.</summary>
    public static readonly MetricFlag OneSource = new("one_source");

    /// <summary>Part: Spearman's rho of the absolute scores.</summary>
    public static readonly PartKey AbsolutePart = new("spearman_abs");

    /// <summary>The registry's entry for this metric.</summary>
    public static MetricDescriptor Descriptor { get; } = new(MetricName, typeof(ModelRandomizationOptions), o => new ModelRandomization((ModelRandomizationOptions?)o))
    {
        Summary = "model randomisation (Adebayo et al. 2018): rank correlation with the scores on a copy of the model whose top layers are re-initialised; lower is better",
        AxisTitle = "Spearman ρ with the re-initialised model's scores",
        RepeatsAttribution = true,
        // Near-tied scores on either model may swap ranks between devices, as any order of the scores.
        DeviceTies = Devices.DeviceTies.ScoreOrder,
        // Source: Adebayo et al. 2018: the explanation computed again on the randomised model; its passes are the cell's attributor's.
        Passes = PassRule.Fixed("the attribution's again (counted with the attributor's)", "spec/metrics.md 8", _ => PassEstimate.None),
    };

    private readonly ModelRandomizationOptions options = Validated(options ?? new ModelRandomizationOptions());

    /// <inheritdoc />
    public string Name => MetricName;

    /// <inheritdoc />
    public MetricResult Evaluate(MetricInput input, CancellationToken cancellationToken = default)
    {
        var reattribute = input.ReattributeOnRandomizedModel
            ?? throw new MetricException($"{MetricName} attributes the item again on a re-initialised copy of the model, which `harness run` loads; "
                + "it cannot evaluate stored scores alone");
        var flags = ScoreChecks.Flags(input.Scores).ToList();
        // Scores that give no value, or a single source (nothing to rank), are not worth attributing again.
        if (input.Scores.Length < 2) flags.Add(OneSource);
        if (ScoreChecks.Unusable(flags) || input.Scores.Length < 2)
            return new MetricResult(double.NaN, new Dictionary<PartKey, double>(), flags,
                new CostRecord(TimeSpan.Zero, 0, 0, 0, 0, input.Model.Device.ToString(), input.Model.DType.ToString().ToLowerInvariant()));
        var again = reattribute(new TopLayerReinitialisation(options.Layers, options.WeightsSeed), cancellationToken);
        if (again.Scores.Length != input.Scores.Length)
            throw new MetricException($"{MetricName}: the re-initialised model's attribution has {again.Scores.Length} scores against {input.Scores.Length}");
        foreach (var flag in ScoreChecks.Flags(again.Scores))
            if (!flags.Contains(flag)) flags.Add(flag);
        if (ScoreChecks.Unusable(flags)) return new MetricResult(double.NaN, new Dictionary<PartKey, double>(), flags, again.Cost);

        var value = Rho(input.Scores, again.Scores, s => s);
        var absolute = Rho(input.Scores, again.Scores, Math.Abs);
        if (double.IsNaN(value) && !flags.Contains(ConstantScores)) flags.Add(ConstantScores);
        return new MetricResult(value, new Dictionary<PartKey, double> { [AbsolutePart] = absolute }, flags, again.Cost);
    }

    /// <summary>Spearman's rho of the two score vectors, each score taken through <paramref name="measure"/>; NaN when
    /// either side is constant, as scipy.stats.spearmanr (a constant series has no ranks to correlate).</summary>
    private static double Rho(float[] original, float[] randomised, Func<double, double> measure)
    {
        var x = original.Select(s => measure(s)).ToArray();
        var y = randomised.Select(s => measure(s)).ToArray();
        return x.All(v => v == x[0]) || y.All(v => v == y[0]) ? double.NaN : RankCorrelation.Spearman(x, y);
    }

    private static ModelRandomizationOptions Validated(ModelRandomizationOptions options) =>
        options.Layers is < 1
            ? throw new MetricException($"{MetricName} option layers={options.Layers}: expected at least 1 (or none: every decoder block)")
            : options;
}
