namespace Harness.Evaluation.LabelAgreement;

/// <summary>Options of <see cref="LabelAgreementMetric"/>.</summary>
public sealed record LabelAgreementOptions
{
    /// <summary>Fraction of the region's sources kept, the top ones by score, in (0, 1]:
    /// max(1, ceil(threshold * L)) of them. Source: spec/metrics.md section 4b (the survey seed's top 20%).</summary>
    public double Threshold { get; init; } = 0.2;

    /// <summary>Tokens greedily decoded per prompt, at least 1; harness choice: enough for a label word
    /// that the tokenizer splits, with its leading space.</summary>
    public int MaxNewTokens { get; init; } = 5;
}
