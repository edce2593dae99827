using Harness.Attribution.Core;
using Harness.Scoring;
using Harness.Torch;

namespace Harness.Attribution.Methods;

/// <summary>input_x_gradient (Shrikumar et al. 2017; Inseq): per token, the L2 norm (or the sum)
/// of e_i * d objective / d e_i, e_i the token embedding (or, `multiplier: token_and_position`, token plus
/// position embedding, as ReAGent's `signed`). One forward, one backward.</summary>
public sealed class InputXGradient(InputXGradientOptions? options = null) : IAttributor
{
    /// <summary>The spec's and YAML's name of input x gradient.</summary>
    public const string MethodName = "input_x_gradient";

    /// <summary>The registry's entry for this method.</summary>
    public static AttributorDescriptor Descriptor { get; } = new(MethodName, typeof(InputXGradientOptions), (o, _) => new InputXGradient((InputXGradientOptions?)o))
    {
        Summary = "input x gradient (Shrikumar et al. 2016): embedding times the objective's gradient, reduced per token",
        Needs = AttributorNeeds.Gradients,
        Passes = PassRule.Fixed("1 forward + 1 backward", "Shrikumar et al. 2016", _ => new PassEstimate(1, 1)),
    };

    private readonly InputXGradientOptions options = options ?? new InputXGradientOptions();

    /// <inheritdoc />
    public string Name => MethodName;

    /// <summary>The position embeddings [L, D] the multiplier adds, or null (token only).</summary>
    private Tensor? Positions(Harness.Models.ILanguageModel model, long length)
    {
        if (options.Multiplier == InputMultiplier.Token) return null;
        if (options.Multiplier == InputMultiplier.Reagent && model.ModelType == "opt")
        {
            // cumsum(mask) * mask - 1 with the position ids in the mask's place (transformers 4.45.1 modeling_opt.py:80).
            var i = torch.arange(length, device: model.Device);
            return model.PositionEmbeddings(i.cumsum(0).mul(i).sub(1));
        }

        return model.PositionEmbeddings(length);
    }

    /// <inheritdoc />
    public AttributionResult Attribute(AttributionRequest request, CancellationToken cancellationToken = default)
    {
        using var run = new AttributionRun(request.WithObjective(options.Objective), cancellationToken);
        var embeddings = run.Scorer.ContextEmbeddings();                                                 // [1, L, D]
        var (_, gradient) = EmbeddingGradients.Of(run, embeddings);
        var multiplier = Positions(request.Model, embeddings.size(1)) is { } positions
            ? embeddings.add(positions.unsqueeze(0))                                                       // [1, L, D]
            : embeddings;
        var product = multiplier.mul(gradient);
        var perToken = options.Reduction == GradientReduction.Sum ? product.sum(-1) : product.norm(2, [-1]); // [1, L]
        var result = run.FinishWithContextScores(perToken.select(0, 0).to(ScalarType.Float32).cpu().ToArray<float>());
        return Float64Scores.Attach(result, run, perToken.select(0, 0));
    }
}
