namespace Harness.Experiments.Store;

/// <summary>An attribution as stored: target, scores and cost.</summary>
public sealed record AttributionRow(
    string CellId, string ExampleId, int Step, long[] TargetIds, float[] Scores, double WallMilliseconds, long ForwardPasses, long BackwardPasses);
