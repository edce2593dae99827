namespace Harness.Reporting.Tables;

/// <summary>Which value of a column is marked best: the highest, the lowest, or none (counts, settings).</summary>
public enum BestDirection
{
    None,
    Higher,
    Lower,
}
