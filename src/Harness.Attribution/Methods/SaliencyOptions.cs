namespace Harness.Attribution.Methods;

/// <summary>Options of <see cref="Saliency"/>. Source: Inseq and ReAGent (L2 norm of the gradient).</summary>
public sealed record SaliencyOptions
{
    /// <summary>Sum the gradient instead of taking its L2 norm (spec option `signed`).</summary>
    public bool Signed { get; init; }
}
