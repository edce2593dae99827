namespace Harness.Evaluation.Devices;

/// <summary>Where a metric can turn a float32 difference between devices (~1e-6 relative) into a larger
/// change of its value: a comparison of two nearly equal numbers that comes out the other way.</summary>
public enum DeviceTies
{
    /// <summary>No such comparison: the value agrees within the tolerance.</summary>
    None,

    /// <summary>The value depends on the order of the scores (top-k selection, average precision): two
    /// near-tied scores may swap, choosing another source. Seen in the two runs' stored scores.</summary>
    ScoreOrder,

    /// <summary>A Spearman correlation over masks (LDS): a near-tied pair of outputs or predictions may swap
    /// ranks, each swap moving rho by at most 12 / (n (n + 1)). Counted by the metric in its parts.</summary>
    SpearmanPairs,

    /// <summary>Bernoulli masks m = (u &lt; q) with q from the scores: a uniform within float noise of q flips
    /// one embedding element. Rare (probability ~ the elements times 1e-6) and invisible in the store.</summary>
    MaskThresholds,
}
