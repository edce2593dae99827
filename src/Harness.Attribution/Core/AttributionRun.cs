using Harness.Torch;

namespace Harness.Attribution.Core;

/// <summary>What every method's Attribute starts with: the validated request, a running cost
/// meter, the target scorer, and a dispose scope for the call's tensors; Finish builds the result.</summary>
public sealed class AttributionRun : IDisposable
{
    private readonly DisposeScope scope = torch.NewDisposeScope();
    private readonly Dictionary<string, double> diagnostics = [];

    public AttributionRun(AttributionRequest request)
    {
        request.Validate();
        Request = request;
        Meter = CostMeter.Start();
        Scorer = new TargetScorer(request, Meter);
        (RegionStart, RegionLength) = request.RegionBounds;
    }

    public AttributionRequest Request { get; }

    public CostMeter Meter { get; }

    public TargetScorer Scorer { get; }

    public int RegionStart { get; }

    public int RegionLength { get; }

    public void Diagnose(string name, double value) => diagnostics[name] = value;

    /// <summary>Scores over the whole context (length L) cut to the region.</summary>
    public AttributionResult FinishWithContextScores(float[] contextScores) =>
        Finish(contextScores.AsSpan(RegionStart, RegionLength).ToArray());

    public AttributionResult Finish(float[] regionScores)
    {
        if (regionScores.Length != RegionLength)
            throw new InvalidOperationException($"a method returned {regionScores.Length} scores for a region of {RegionLength}");
        var cost = Meter.Stop(Scorer.Device.ToString(), Scorer.DType.ToString());
        return new AttributionResult(regionScores, cost, new Dictionary<string, double>(diagnostics));
    }

    public void Dispose() => scope.Dispose();
}
