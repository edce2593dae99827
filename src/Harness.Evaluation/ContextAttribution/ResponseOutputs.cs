using Harness.Scoring;

namespace Harness.Evaluation.ContextAttribution;

/// <summary>f(v) from the response's log-probability, as <see cref="ResponseOutput"/> names it.</summary>
public static class ResponseOutputs
{
    /// <summary>f(v) for the response's log-probability <paramref name="logProbability"/>: itself, or the
    /// logit-probability log P - log(1 - P).</summary>
    public static double Apply(this ResponseOutput output, double logProbability) => output switch
    {
        ResponseOutput.LogitProb => LogitProbability.FromLogProbability(logProbability),
        ResponseOutput.LogProb => logProbability,
        _ => throw new ArgumentOutOfRangeException(nameof(output), output, "unknown response output"),
    };
}
