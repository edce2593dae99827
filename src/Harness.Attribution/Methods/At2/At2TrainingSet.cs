using Harness.Attribution.Core;
using Harness.Data.Segmentation;

namespace Harness.Attribution.Methods;

/// <summary>What AT2 learns from: the examples (each a request on one model: context, target,
/// region and sources as at2 will later be asked) and the provenance the estimator records.</summary>
public sealed record At2TrainingSet(string Model, string Dataset, SourceUnit SourceUnit, IReadOnlyList<AttributionRequest> Examples);
