using Harness.Attribution;
using Harness.Attribution.Core;
using Harness.Scoring;

namespace Harness.Cli.Commands;

/// <summary>An attributor whose every request carries <paramref name="progress"/>: the runner builds the requests, and
/// the attributor factory it takes is where `harness run` can listen to a long attribution's progress. It packs
/// requests exactly when the attributor it wraps does (<see cref="IPackedAttributor"/>), so listening costs no packing.</summary>
internal sealed class ProgressReportingAttributor(IAttributor inner, IProgress<AttributionProgress> progress) : IPackedAttributor
{
    public string Name => inner.Name;

    public AttributionResult Attribute(AttributionRequest request, CancellationToken cancellationToken = default) =>
        inner.Attribute(request with { Progress = progress }, cancellationToken);

    public IReadOnlyList<AttributionResult> AttributeMany(IReadOnlyList<AttributionRequest> requests, CancellationToken cancellationToken = default) =>
        inner is IPackedAttributor packed
            ? packed.AttributeMany(requests.Select(r => r with { Progress = progress }).ToList(), cancellationToken)
            : requests.Select(r => Attribute(r, cancellationToken)).ToList();

    /// <summary>The wrapped attributor's pack size; 1 (item by item) when it does not pack.</summary>
    public int AttributionsPerPack(int batchSize) => inner is IPackedAttributor packed ? packed.AttributionsPerPack(batchSize) : 1;
}
