using Harness.Attribution.Core;

namespace Harness.Attribution;

/// <summary>An attributor that attributes several requests of one model together, packing their forward passes so
/// that batches fill the device (issue 27, items 3 and 4). The results equal <see cref="IAttributor.Attribute"/>'s, one
/// request at a time, up to floating-point summation order; the runner packs the examples of a cell.</summary>
public interface IPackedAttributor : IAttributor
{
    /// <summary>Attributes <paramref name="requests"/> (all of one model) together, one result per request in their order, the pack's wall time shared equally among them.</summary>
    IReadOnlyList<AttributionResult> AttributeMany(IReadOnlyList<AttributionRequest> requests, CancellationToken cancellationToken = default);

    /// <summary>How many attributions one pack should hold so that its passes reach <paramref name="batchSize"/> sequences.</summary>
    int AttributionsPerPack(int batchSize);
}
