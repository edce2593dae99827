using Harness.Attribution.Core;

namespace Harness.Attribution.Methods;

/// <summary>ReAGent's stopping test (spec step 4; Inseq's TopKStoppingConditionEvaluator): keep the
/// <c>keepTopN</c> sources with the highest scores (ties keep the lower index), replace every other
/// one with the chain's replacer, and stop when the target is among the model's top <c>stopTopK</c>
/// predictions on that input; a span stops when each of its tokens is, at its own predicting
/// position (teacher forcing). The test's input rides in the step's one batched forward pass (<see cref="ReAgent"/>).</summary>
public sealed class TopKStoppingCondition(AttributionRun run, int keepTopN, int stopTopK)
{
    /// <summary>The keep-mask over the context of the test's input for a chain with these source scores.</summary>
    public bool[] KeepMask(IReadOnlyList<double> sourceScores) => run.ContextKeepMask(TopN(sourceScores, keepTopN));

    /// <summary>Whether a chain stops, given the worst rank of a target token on the test's input
    /// (<see cref="Harness.Scoring.TargetScorer.TargetRanks"/>).</summary>
    public bool Stops(int worstTargetRank) => worstTargetRank < stopTopK;

    /// <summary>A keep-mask of the <paramref name="n"/> highest scores (all of them when n exceeds the count).</summary>
    public static bool[] TopN(IReadOnlyList<double> scores, int n)
    {
        var keep = new bool[scores.Count];
        foreach (var i in Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).Take(n)) keep[i] = true;
        return keep;
    }
}
