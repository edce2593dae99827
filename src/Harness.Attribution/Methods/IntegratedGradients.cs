using Harness.Attribution.Core;
using Harness.Scoring;
using Harness.Torch;

namespace Harness.Attribution.Methods;

/// <summary>
/// integrated_gradients (Sundararajan et al. 2017, eq. 1): (e_i - b_i) . integral over alpha of
/// d objective / d e at b + alpha (e - b), e the token embeddings (position embeddings are added inside
/// the model, as at Captum's layer = get_input_embeddings()), b the <see cref="EmbeddingBaseline"/> on
/// the attributed region (the rest of the context stays as it is), reduced over the embedding
/// dimension. The integral is Captum's quadrature (<see cref="Quadrature"/>) with its step sizes
/// rounded to float32 as Captum does; the path points run in as few passes as memory allows (<see cref="PassPlanner"/>); the completeness gap
/// sum(attr) - (f(e) - f(b)) is reported as a diagnostic.
/// </summary>
public sealed class IntegratedGradients(IntegratedGradientsOptions? options = null, long? eosTokenId = null) : IAttributor
{
    /// <summary>The spec's and YAML's name of integrated gradients.</summary>
    public const string MethodName = "integrated_gradients";

    /// <summary>The registry's entry for this method.</summary>
    public static AttributorDescriptor Descriptor { get; } = new(MethodName, typeof(IntegratedGradientsOptions), (o, r) => new IntegratedGradients((IntegratedGradientsOptions?)o, r.EosTokenId))
    {
        Summary = "integrated gradients (Sundararajan et al. 2017): gradients along the path from a baseline embedding, Captum's quadrature",
        Needs = AttributorNeeds.Gradients,
        Passes = PassRule.For<IntegratedGradientsOptions>("(steps + 2) forward + steps backward", "Captum IntegratedGradients", (o, _) => new PassEstimate(o.Steps + 2, o.Steps)),
    };

    private readonly IntegratedGradientsOptions options = options ?? new IntegratedGradientsOptions();

    /// <inheritdoc />
    public string Name => MethodName;

    /// <inheritdoc />
    public AttributionResult Attribute(AttributionRequest request, CancellationToken cancellationToken = default)
    {
        using var run = new AttributionRun(request.WithObjective(options.Objective), cancellationToken);
        var (alphas, stepSizes) = Quadrature.Of(options.Method, options.Steps);
        // Captum: torch.tensor(step_sizes).float() (captum/attr/_core/integrated_gradients.py:377),
        // float32 step sizes even for a float64 model; ReAGent's rule divides by steps + 1 in the model's dtype.
        var weights = options.Method == IntegrationRule.Reagent ? stepSizes : stepSizes.Select(s => (double)(float)s).ToArray();
        var input = run.Scorer.ContextEmbeddings();                                                      // [1, L, D]
        var baseline = options.Baseline.Resolve(eosTokenId).Embeddings(run, input);                      // [1, L, D]
        var difference = input.sub(baseline);                                                            // [1, L, D]

        var accumulated = torch.zeros(input.shape, ScalarType.Float64, device: input.device);           // [1, L, D]
        OutOfMemoryBackoff.ForEachBatch(alphas.Length, PassPlanner.GradientRowsPerPass(run, alphas.Length), (start, count) =>
        {
            var alpha = torch.tensor(alphas[start..(start + count)], [count, 1, 1], device: input.device).to(input.dtype);
            var weight = torch.tensor(weights[start..(start + count)], [count, 1, 1], device: input.device);
            var points = baseline.add(difference.mul(alpha));                                            // [n, L, D]
            var (_, gradient) = EmbeddingGradients.Of(run, points);
            accumulated.add_(gradient.to(ScalarType.Float64).mul(weight).sum(0, keepdim: true));
            run.ReportProgress(start + count, alphas.Length, "path points");
        }, cancellationToken);

        // In the model's dtype, as Captum multiplies (x - x0) by the summed gradients.
        var perDimension = difference.mul(accumulated.to(input.dtype));                                  // [1, L, D]
        var attribution = (options.Reduction == GradientReduction.Sum ? perDimension.sum(-1) : perDimension.norm(2, [-1])).select(0, 0); // [L]
        using (torch.no_grad())
        {
            var ends = run.Scorer.ObjectiveFromEmbeddings(torch.cat([input, baseline], 0)).to(ScalarType.Float64).cpu().ToArray<double>();
            var delta = ends[0] - ends[1];
            var gap = perDimension.sum().ToDouble() - delta;
            run.Diagnose("completeness_gap", gap);
            run.Diagnose("relative_completeness_gap", delta == 0 ? double.NaN : Math.Abs(gap / delta));
            run.Diagnose("objective_input", ends[0]);
            run.Diagnose("objective_baseline", ends[1]);
        }

        var result = run.FinishWithContextScores(attribution.to(ScalarType.Float32).cpu().ToArray<float>());
        return Float64Scores.Attach(result, run, attribution);
    }
}
