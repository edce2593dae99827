namespace Harness.Reporting.Tables;

/// <summary>Which value of a column is marked best: the highest, the lowest, or none (counts, settings).</summary>
public enum BestDirection
{
    /// <summary>No entry is marked (counts, settings).</summary>
    None,
    /// <summary>The highest estimate is best.</summary>
    Higher,
    /// <summary>The lowest estimate is best (cost, AOPC sufficiency).</summary>
    Lower,
}
