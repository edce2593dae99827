namespace Harness.Reporting.Results;

/// <summary>One attribution of a cell: target, scores and cost.</summary>
public sealed record AttributionRecord(
    string CellId, string ExampleId, int Step, long[] TargetIds, float[] Scores, double WallMilliseconds, long ForwardPasses, long BackwardPasses)
{
    /// <summary>The unit it belongs to, "example#step", as metric records name it.</summary>
    public string ItemKey => $"{ExampleId}#{Step}";
}
