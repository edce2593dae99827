using Harness.Models;

namespace Harness.Attribution.Core;

/// <summary>
/// The runs of several attributions of one model whose forward passes are packed together (issue 27, items 3 and 4):
/// opened in order (each run's dispose scope nests in the previous one) and closed innermost first. Attributions of a
/// pack share its wall time equally (<see cref="ShareWallTime"/>); each counts its own rows on its own meter.
/// </summary>
public sealed class AttributionPack : IDisposable
{
    private readonly List<AttributionRun> runs = [];

    /// <param name="prepare">The request each run is made from (the method's objective set, ...).</param>
    /// <param name="cancellationToken">Given to every run (<see cref="AttributionRun"/>).</param>
    public AttributionPack(IReadOnlyList<AttributionRequest> requests, Func<AttributionRequest, AttributionRequest> prepare, CancellationToken cancellationToken = default)
    {
        if (requests.Count == 0) throw new ArgumentException("a pack needs at least one request", nameof(requests));
        Model = requests[0].Model;
        if (requests.Any(r => !ReferenceEquals(r.Model, Model))) throw new ArgumentException("a pack holds attributions of one model only", nameof(requests));
        try
        {
            foreach (var request in requests) runs.Add(new AttributionRun(prepare(request), cancellationToken));
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The one model every request of the pack attributes.</summary>
    public ILanguageModel Model { get; }

    /// <summary>One run per request, in the requests' order.</summary>
    public IReadOnlyList<AttributionRun> Runs => runs;

    /// <summary>The results with the pack's wall time (what each run's meter measured) split equally among them.</summary>
    public static IReadOnlyList<AttributionResult> ShareWallTime(IReadOnlyList<AttributionResult> results) =>
        results.Select(r => r with { Cost = r.Cost with { WallTime = r.Cost.WallTime / results.Count } }).ToList();

    /// <summary>Disposes the runs innermost first, the reverse of the order they were opened in.</summary>
    public void Dispose()
    {
        for (var i = runs.Count - 1; i >= 0; i--) runs[i].Dispose();
        runs.Clear();
    }
}
