namespace Harness.Evaluation.ContextAttribution;

/// <summary>The output f(v) that top-k drop and LDS measure (spec/metrics.md section 5, option `output`).</summary>
public enum ResponseOutput
{
    /// <summary>The logit-probability log P - log(1 - P) of the whole response (AT2, ContextCite), the default.</summary>
    LogitProb,

    /// <summary>log P = sum_t log p(y_t | ...) of the whole response.</summary>
    LogProb,
}
