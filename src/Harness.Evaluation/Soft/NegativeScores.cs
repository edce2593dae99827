namespace Harness.Evaluation.Soft;

/// <summary>What the Soft metrics do with negative scores before normalising (spec/metrics.md section 1,
/// option `negative`).</summary>
public enum NegativeScores
{
    /// <summary>max(0, s): a negative score keeps nothing. The default.</summary>
    Clip,

    /// <summary>|s|: the magnitude counts, whatever the sign.</summary>
    Abs,
}
