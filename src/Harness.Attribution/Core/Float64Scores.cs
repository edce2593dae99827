using Harness.Torch;

namespace Harness.Attribution.Core;

/// <summary>Keeps a float64 model's per-token scores at full precision beside the float32 result
/// (<see cref="AttributionResult.Float64Scores"/>), cut to the region and summed per source as
/// <see cref="AttributionRun.FinishWithContextScores"/> does for the float32 ones.</summary>
public static class Float64Scores
{
    /// <param name="contextScores">One score per context position [L], in the dtype it was computed in.</param>
    public static AttributionResult Attach(AttributionResult result, AttributionRun run, Tensor contextScores)
    {
        if (contextScores.dtype != ScalarType.Float64) return result;
        var scores = contextScores.cpu().ToArray<double>();
        var region = scores.AsSpan(run.RegionStart, run.RegionLength).ToArray();
        return result with { Float64Scores = run.Sources.Groups.Select(group => group.Sum(position => region[position])).ToArray() };
    }
}
