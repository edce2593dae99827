using Harness.Scoring;

namespace Harness.Attribution.Core;

/// <summary>What every method's Attribute starts with: the scoring run of its request (validated request, cost meter,
/// target scorer, sources, dispose scope) plus the method's diagnostics; Finish builds the result. The method's
/// cancellation token reaches every batch of the run's scorer.</summary>
public sealed class AttributionRun(AttributionRequest request, CancellationToken cancellationToken = default) : ScoringRun(request, cancellationToken)
{
    private readonly Dictionary<string, double> diagnostics = [];

    /// <summary>The attribution request this run was made from.</summary>
    public override AttributionRequest Request => (AttributionRequest)base.Request;

    /// <summary>Records a named diagnostic of the method (e.g. a surrogate's intercept or Lasso iterations); the result carries it, the last value under a name wins.</summary>
    public void Diagnose(string name, double value) => diagnostics[name] = value;

    /// <summary>[1, L, 1] in the dtype and on the device of <paramref name="like"/>: 1 at the context positions a source
    /// holds, the ones gradient methods move to their baseline or add noise to; 0 outside the region and at region
    /// tokens in no source (a chat template's end of turn between the user text and the response), which
    /// <see cref="Harness.Data.Segmentation.Sources"/> says are never perturbed.</summary>
    public Harness.Torch.Tensor SourcePositionMask(Harness.Torch.Tensor like)
    {
        var inSource = ContextKeepMask(new bool[Sources.Count]).Select(keep => keep ? 0f : 1f).ToArray();
        return Harness.Torch.torch.tensor(inSource, [1, inSource.Length, 1], device: like.device).to(like.dtype);
    }

    /// <summary>Token scores over the whole context (length L) cut to the region and summed per source.</summary>
    public AttributionResult FinishWithContextScores(float[] contextScores) =>
        Finish(Sources.Aggregate(contextScores.AsSpan(RegionStart, RegionLength)));

    /// <summary>The result from one score per source (what perturbation methods compute directly).</summary>
    public AttributionResult Finish(float[] sourceScores)
    {
        if (sourceScores.Length != Sources.Count)
            throw new InvalidOperationException($"a method returned {sourceScores.Length} scores for {Sources.Count} sources");
        return new AttributionResult(sourceScores, StopMeter(), new Dictionary<string, double>(diagnostics));
    }
}
