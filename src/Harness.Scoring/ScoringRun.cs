using Harness.Data.Segmentation;
using Harness.Torch;

namespace Harness.Scoring;

/// <summary>What every attribution and metric starts with: the validated request, a running cost meter, the target
/// scorer, the region and sources, and a dispose scope for the call's tensors.</summary>
public class ScoringRun : IDisposable
{
    private readonly DisposeScope scope;

    /// <summary>Validates <paramref name="request"/>, starts the meter on the model's device and opens the call's dispose scope.</summary>
    /// <param name="cancellationToken">Heard before each batch of the run's scorer: a stop request ends the call with an
    /// <see cref="OperationCanceledException"/> within one forward pass.</param>
    public ScoringRun(ScoringRequest request, CancellationToken cancellationToken = default)
    {
        request.Validate();
        Request = request;
        // The meter starts on the model's device before anything of this call runs, so that CUDA
        // work is timed synchronised and the allocator peak is reset first.
        Meter = CostMeter.Start(request.Model.Device);
        // The scope opens last and closes if anything after it throws: a constructor that throws is
        // never disposed, and its scope would stay current on this thread for every later call.
        scope = torch.NewDisposeScope();
        try
        {
            Scorer = new TargetScorer(request, Meter, cancellationToken);
            (RegionStart, RegionLength) = request.RegionBounds;
            Sources = request.Sources ?? Sources.Tokens(RegionLength);
        }
        catch
        {
            scope.Dispose();
            throw;
        }
    }

    /// <summary>The validated request.</summary>
    public virtual ScoringRequest Request { get; }

    /// <summary>Counts this call's passes and tokens from its start.</summary>
    public CostMeter Meter { get; }

    /// <summary>Scores the target after variants of the context, counting on <see cref="Meter"/>.</summary>
    public TargetScorer Scorer { get; }

    /// <summary>Index in the context of the region's first token (the attributed part of the context).</summary>
    public int RegionStart { get; }

    /// <summary>Number of tokens in the region.</summary>
    public int RegionLength { get; }

    /// <summary>The scored units: the request's sources, or one per region token.</summary>
    public Sources Sources { get; }

    /// <summary>Tells the request's listener, if any, that <paramref name="done"/> of <paramref name="total"/> units are finished.</summary>
    public void ReportProgress(int done, int total, string unit, bool totalIsBound = false) =>
        Request.Progress?.Report(new AttributionProgress(done, total, unit, totalIsBound));

    /// <summary>A keep-mask over the sources (true: the source's tokens stay) as one over the whole
    /// context; positions outside the region, and region tokens in no source, are always kept.</summary>
    public bool[] ContextKeepMask(IReadOnlyList<bool> sourceKeep)
    {
        var mask = Enumerable.Repeat(true, Request.ContextIds.Count).ToArray();
        Sources.ExpandKeepMask(sourceKeep, RegionLength).CopyTo(mask, RegionStart);
        return mask;
    }

    /// <summary>The cost so far, stopped: the run's record of forward and backward passes, tokens, time and memory.</summary>
    public CostRecord StopMeter() => Meter.Stop(Request.Model.Device.ToString(), Request.Model.DType.ToString());

    /// <summary>Frees the scorer's prefix cache, then closes the call's dispose scope and so its tensors.</summary>
    public void Dispose()
    {
        GC.SuppressFinalize(this);
        try
        {
            Scorer.Dispose();
        }
        finally
        {
            scope.Dispose();
        }
    }
}
