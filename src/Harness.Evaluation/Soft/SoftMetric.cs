using Harness.Evaluation.Core;
using Harness.Scoring;
using Harness.Evaluation.Devices;

namespace Harness.Evaluation.Soft;

/// <summary>
/// soft_ns and soft_nc (Zhao &amp; Aletras 2023; the ReAGent paper, Zhao &amp; Shan 2024; spec/metrics.md
/// section 1): the scores, made keep probabilities q (<see cref="KeepProbabilities.FromScores"/>),
/// keep each attributed unit's word embeddings element-wise with probability q (Soft-S) or 1 - q (Soft-C);
/// Soft-NS = max(0, SS - S0) / (1 - S0) with SS = 1 - D(P_soft-S, Q), Soft-NC = SC / (1 - S0) with
/// SC = D(P_soft-C, Q), S0 = 1 - D(P_0, Q). Parts: s0, ss or sc, samples. 1 - S0 &lt;= 1e-4 gives NaN
/// flagged "degenerate_s0", parts still reported. Passes: Q and S0 (one sequence each, from the
/// example memo when shared) and one per sample (<see cref="SoftPerturbation"/>).
/// </summary>
public sealed class SoftMetric : IMetric
{
    /// <summary>The spec's and YAML's name of Soft-NS.</summary>
    public const string SufficiencyName = "soft_ns";
    /// <summary>The spec's and YAML's name of Soft-NC.</summary>
    public const string ComprehensivenessName = "soft_nc";

    /// <summary>The registry's entry for soft_ns.</summary>
    public static MetricDescriptor Sufficiency { get; } = new(SufficiencyName, typeof(SoftOptions), o => new SoftMetric(SoftSide.Sufficiency, (SoftOptions?)o))
    {
        Summary = "Soft-NS (Zhao & Aletras 2023): normalised sufficiency of Bernoulli-kept inputs, keep probability = score",
        AxisTitle = "Soft-NS (normalised, 0-1)",
        DeviceTies = DeviceTies.MaskThresholds,
        Passes = SoftPasses,
    };

    /// <summary>The registry's entry for soft_nc.</summary>
    public static MetricDescriptor Comprehensiveness { get; } = new(ComprehensivenessName, typeof(SoftOptions), o => new SoftMetric(SoftSide.Comprehensiveness, (SoftOptions?)o))
    {
        Summary = "Soft-NC (Zhao & Aletras 2023): normalised comprehensiveness of Bernoulli-dropped inputs, drop probability = score",
        AxisTitle = "Soft-NC (normalised by 1 - S0)",
        DeviceTies = DeviceTies.MaskThresholds,
        Passes = SoftPasses,
    };

    // Source: spec/metrics.md 1: the intact input Q, the null input S0, one perturbed input per sample.
    private static PassRule SoftPasses => PassRule.For<SoftOptions>("Q + S0 + samples", "spec/metrics.md 1", (o, _) => new PassEstimate(2 + o.Samples, 0));

    private readonly SoftSide side;
    private readonly SoftOptions options;

    /// <summary>Soft-NS or Soft-NC (<paramref name="side"/>); null options take <see cref="SoftOptions"/>' defaults.</summary>
    /// <exception cref="MetricException">Fewer than 1 sample.</exception>
    public SoftMetric(SoftSide side, SoftOptions? options = null)
    {
        this.side = side;
        this.options = options ?? new SoftOptions();
        if (this.options.Samples < 1)
            throw new MetricException($"{Name} option samples={this.options.Samples} is out of range: give at least 1 mask per example");
    }

    /// <inheritdoc />
    public string Name => side == SoftSide.Sufficiency ? SufficiencyName : ComprehensivenessName;

    /// <inheritdoc />
    public MetricResult Evaluate(MetricInput input, CancellationToken cancellationToken = default)
    {
        using var run = new MetricRun(input, cancellationToken: cancellationToken);
        if (run.ScoresUnusable) return run.Unusable();
        var (q, settings) = KeepFromScores(input);
        var keep = side == SoftSide.Sufficiency ? q : q.Select(x => 1 - x).ToArray();

        var evaluation = new SoftPerturbation(run, options.Distance, options.Samples, options.KeepQuery).Evaluate([keep]);

        if (evaluation.IsDegenerate) run.Flag(SoftEvaluation.DegenerateS0);
        return run.Finish(evaluation.Normalised(side, 0), new Dictionary<PartKey, double>
        {
            [new PartKey("s0")] = evaluation.S0,
            [new PartKey(side == SoftSide.Sufficiency ? "ss" : "sc")] = evaluation.Raw(side, 0),
            [new PartKey("samples")] = options.Samples,
        }) with { Settings = settings };
    }

    /// <summary>Keep probabilities q of Soft-S and the settings that made them: `normalize` for every attributor when
    /// set, else the transform <see cref="SoftProtocol"/> picks for the input's attributor (a softmax there is over the
    /// raw scores, as the ReAGent code does, so `negative` does not apply to it).</summary>
    private (double[] Keep, Dictionary<string, string> Settings) KeepFromScores(MetricInput input)
    {
        var byProtocol = options.Normalize == ScoreNormalization.Protocol;
        var transform = byProtocol ? SoftProtocol.Transform(options.Protocol, input.Attributor, input.ReagentTransform, options.InseqAttributors) : options.Normalize;
        var keep = byProtocol && transform == ScoreNormalization.Softmax
            ? KeepProbabilities.RawSoftmax(input.Scores)
            : KeepProbabilities.FromScores(input.Scores, options.Negative, transform);
        var settings = new Dictionary<string, string>
        {
            ["protocol"] = byProtocol ? Snake(options.Protocol.ToString()) : "overridden by normalize",
            ["transform"] = Snake(transform.ToString()),
        };
        return (keep, settings);
    }

    private static string Snake(string name) => OptionBinder.SnakeCase(name);
}
