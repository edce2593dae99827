using Harness.Attribution.Core;
using Harness.Data.Segmentation;

namespace Harness.Attribution.Methods;

/// <summary>What AT2 learns from: the examples, each given by its targets (AT2's trainer splits an example's
/// response into sentences, split_target_by="sentence", and learns from one random target of an example per step),
/// each target a request on one model (context, target, region and sources as at2 will later be asked; a later
/// sentence's request holds the earlier ones in its context, outside the region), and the provenance the estimator
/// records. Every target of an example has the same sources.</summary>
public sealed record At2TrainingSet(string Model, string Dataset, SourceUnit SourceUnit, IReadOnlyList<IReadOnlyList<AttributionRequest>> Examples)
{
    /// <summary>A set whose every example has one target: the request's whole target (AT2's split_target_by=None).</summary>
    public At2TrainingSet(string model, string dataset, SourceUnit sourceUnit, IReadOnlyList<AttributionRequest> examples)
        : this(model, dataset, sourceUnit, examples.Select(r => (IReadOnlyList<AttributionRequest>)[r]).ToList())
    {
    }
}
