using Harness.Attribution.Core;
using Harness.Scoring;

namespace Harness.Attribution.Methods;

/// <summary>
/// at2 (Cohen-Wang et al., "Learning to Attribute with Attention", AT2): the score of source j is
/// tau_j = theta^T phi_j, a learned linear combination of the attention each head pays from the
/// target tokens to the source (<see cref="At2Features"/>), theta trained per model by
/// <see cref="At2Trainer"/> (spec/attributors.md "AT2"). One forward pass with attentions per call.
/// The estimator comes from <see cref="AttributorResources.At2Estimator"/>; without one the method
/// is still created (the registry lists it) and Attribute fails saying how to get one. The file
/// lives in Methods/At2/ with namespace Harness.Attribution.Methods: a namespace named At2 would
/// clash with this type's name.
/// </summary>
public sealed class At2(At2Estimator? estimator = null) : IAttributor
{
    /// <summary>The spec's and YAML's name of AT2.</summary>
    public const string MethodName = "at2";

    /// <summary>The registry's entry for this method.</summary>
    public static AttributorDescriptor Descriptor { get; } = new(MethodName, null, (_, r) => new At2(r.At2Estimator))
    {
        Summary = "AT2 (Cohen-Wang et al. 2025): attention weights of every head combined by a trained estimator",
        Needs = AttributorNeeds.Attention | AttributorNeeds.At2Estimator,
        Passes = PassRule.Fixed("1 forward", "MadryLab/AT2", _ => new PassEstimate(1, 0)),
    };

    /// <inheritdoc />
    public string Name => MethodName;

    /// <inheritdoc />
    public AttributionResult Attribute(AttributionRequest request, CancellationToken cancellationToken = default)
    {
        if (estimator is null)
            throw new AttributionException($"at2 scores with a trained estimator and none was given; {At2Estimator.HowToTrain}");
        using var run = new AttributionRun(request, cancellationToken);
        var features = At2Features.Of(run);
        var scores = estimator.Score(features);
        return run.Finish(scores.Select(s => (float)s).ToArray());
    }
}
