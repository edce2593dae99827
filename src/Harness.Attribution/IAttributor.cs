using Harness.Attribution.Core;

namespace Harness.Attribution;

/// <summary>A feature-attribution method (spec/attributors.md): scores for every attributed
/// context position, how much each contributes to the target, plus what the call cost.</summary>
public interface IAttributor
{
    /// <summary>The spec's and YAML's name, e.g. "integrated_gradients".</summary>
    string Name { get; }

    /// <summary>Scores every source of the request's attributed region by this method, with the call's cost and the method's diagnostics; a request or resource the method cannot handle throws an <see cref="AttributionException"/>.</summary>
    AttributionResult Attribute(AttributionRequest request, CancellationToken cancellationToken = default);
}
