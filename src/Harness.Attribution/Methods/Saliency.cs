using Harness.Attribution.Core;
using Harness.Scoring;
using Harness.Torch;

namespace Harness.Attribution.Methods;

/// <summary>saliency (Simonyan et al. 2014): per token, the L2 norm of d objective / d e_i, the
/// gradient at the token's word embedding (or its sum with `signed`). One forward, one backward.</summary>
public sealed class Saliency(SaliencyOptions? options = null) : IAttributor
{
    /// <summary>The spec's and YAML's name of saliency.</summary>
    public const string MethodName = "saliency";

    /// <summary>The registry's entry for this method.</summary>
    public static AttributorDescriptor Descriptor { get; } = new(MethodName, typeof(SaliencyOptions), (o, _) => new Saliency((SaliencyOptions?)o))
    {
        Summary = "saliency (Simonyan et al. 2014): L2 norm of the objective's gradient at each token embedding",
        Needs = AttributorNeeds.Gradients,
        Passes = PassRule.Fixed("1 forward + 1 backward", "Simonyan et al. 2014", _ => new PassEstimate(1, 1)),
    };

    private readonly SaliencyOptions options = options ?? new SaliencyOptions();

    /// <inheritdoc />
    public string Name => MethodName;

    /// <inheritdoc />
    public AttributionResult Attribute(AttributionRequest request, CancellationToken cancellationToken = default)
    {
        using var run = new AttributionRun(request.WithObjective(options.Objective), cancellationToken);
        var (_, gradient) = EmbeddingGradients.Of(run, run.Scorer.ContextEmbeddings());                 // [1, L, D]
        var perToken = options.Signed ? gradient.sum(-1) : gradient.norm(2, [-1]);                       // [1, L]
        var result = run.FinishWithContextScores(perToken.select(0, 0).to(ScalarType.Float32).cpu().ToArray<float>());
        return Float64Scores.Attach(result, run, perToken.select(0, 0));
    }
}
