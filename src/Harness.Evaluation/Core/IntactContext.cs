using Harness.Scoring;

namespace Harness.Evaluation.Core;

/// <summary>The response's log-probability log P(y | x) on the intact context (ERASER's log Q_y, top-k
/// drop's f(all ones) before the output transform), one forward pass per example through the memo.</summary>
public static class IntactContext
{
    /// <summary>The run's scorer must return log-probabilities (<see cref="Objective.LogProb"/>).</summary>
    public static double LogProbability(MetricRun run)
    {
        if (run.Scoring.Request.Objective != Objective.LogProb)
            throw new InvalidOperationException($"the intact log-probability needs a run scoring {Objective.LogProb}, not {run.Scoring.Request.Objective}");
        return Memoised.Get(run.Input, new LogProbabilityKey(), () => run.Scorer.Score([run.Input.ContextIds])[0]);
    }

    /// <summary>The memo's key of log P(y | x): it depends on the cell alone.</summary>
    private sealed record LogProbabilityKey : MemoKey;
}
