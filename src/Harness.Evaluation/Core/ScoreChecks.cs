namespace Harness.Evaluation.Core;

/// <summary>The sanity checks every metric applies to the scores it is given (spec/metrics.md
/// section 8): NaN/Inf, all-equal and empty scores are flagged on the result, never averaged in silently.</summary>
public static class ScoreChecks
{
    /// <summary>No scores at all (e.g. an empty region): no value, NaN.</summary>
    public static readonly MetricFlag EmptyScores = new("empty_scores");
    /// <summary>A NaN or infinite score: no value, NaN.</summary>
    public static readonly MetricFlag NonFiniteScores = new("nan_scores");
    /// <summary>Every score equal (more than one source): the value is computed but kept out of averages.</summary>
    public static readonly MetricFlag AllEqualScores = new("all_equal_scores");

    /// <summary>The flags that hold for <paramref name="scores"/>, in a fixed order.</summary>
    public static IReadOnlyList<MetricFlag> Flags(IReadOnlyList<float> scores)
    {
        if (scores.Count == 0) return [EmptyScores];
        if (scores.Any(s => !float.IsFinite(s))) return [NonFiniteScores];
        // One source has nothing to rank against; flagging it would flag every one-source example.
        return scores.Count > 1 && scores.All(s => s == scores[0]) ? [AllEqualScores] : [];
    }

    /// <summary>True when no value can be computed from the scores at all (empty or non-finite);
    /// all-equal scores still give a value (a uniform attribution), flagged.</summary>
    public static bool Unusable(IReadOnlyList<MetricFlag> flags) => flags.Contains(EmptyScores) || flags.Contains(NonFiniteScores);
}
