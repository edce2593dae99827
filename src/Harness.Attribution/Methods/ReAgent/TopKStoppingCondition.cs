using Harness.Attribution.Core;

namespace Harness.Attribution.Methods;


/// <summary>ReAGent's stopping test (spec step 4; Inseq's TopKStoppingConditionEvaluator): keep the
/// <c>keepTopN</c> sources with the highest scores (ties keep the lower index), replace every other
/// one with the chain's replacer, and stop when the target is among the model's top <c>stopTopK</c>
/// predictions on that input; a span stops when each of its tokens is, at its own predicting
/// position (teacher forcing). One forward pass per chain tested, batched.</summary>
public sealed class TopKStoppingCondition(AttributionRun run, ITokenReplacer replacer, int keepTopN, int stopTopK)
{
    /// <summary>Whether each chain, given its current source scores, stops.</summary>
    public bool[] Test(IReadOnlyList<double[]> sourceScores)
    {
        var keep = sourceScores.Select(scores => run.ContextKeepMask(TopN(scores, keepTopN))).ToList();
        return run.Scorer.TargetRanks(replacer.Replace(keep)).Select(rank => rank < stopTopK).ToArray();
    }

    /// <summary>A keep-mask of the <paramref name="n"/> highest scores (all of them when n exceeds the count).</summary>
    public static bool[] TopN(IReadOnlyList<double> scores, int n)
    {
        var keep = new bool[scores.Count];
        foreach (var i in Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).Take(n)) keep[i] = true;
        return keep;
    }
}
