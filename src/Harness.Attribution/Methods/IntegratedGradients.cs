using Harness.Attribution.Core;
using Harness.Torch;

namespace Harness.Attribution.Methods;

/// <summary>
/// integrated_gradients (Sundararajan et al. 2017, eq. 1): (e_i - b_i) . integral over alpha of
/// d objective / d e at b + alpha (e - b), with the zero-embedding baseline on the attributed region
/// (the rest of the context stays as it is), summed over the embedding dimension. The path points
/// run in batches; the completeness gap sum(attr) - (f(e) - f(b)) is reported as a diagnostic.
/// </summary>
public sealed class IntegratedGradients(IntegratedGradientsOptions? options = null) : IAttributor
{
    public const string MethodName = "integrated_gradients";

    private readonly IntegratedGradientsOptions options = options ?? new IntegratedGradientsOptions();

    public string Name => MethodName;

    public AttributionResult Attribute(AttributionRequest request, CancellationToken cancellationToken = default)
    {
        using var run = new AttributionRun(request);
        var (alphas, weights) = Quadrature.Of(options.Method, options.Steps);
        var input = run.Scorer.ContextEmbeddings();                                                      // [1, L, D]
        var regionMask = torch.zeros([1, input.size(1), 1], input.dtype, device: input.device);
        regionMask.narrow(1, run.RegionStart, run.RegionLength).fill_(1);
        var baseline = input.mul(regionMask.neg().add(1));                                               // region zeroed
        var difference = input.sub(baseline);                                                            // [1, L, D]

        var accumulated = torch.zeros_like(input).to(ScalarType.Float64);
        OutOfMemoryBackoff.ForEachBatch(alphas.Length, request.BatchSize, (start, count) =>
        {
            var alpha = torch.tensor(alphas[start..(start + count)], [count, 1, 1], device: input.device).to(input.dtype);
            var weight = torch.tensor(weights[start..(start + count)], [count, 1, 1], device: input.device);
            var points = baseline.add(difference.mul(alpha));                                            // [n, L, D]
            var (_, gradient) = EmbeddingGradients.Of(run, points);
            accumulated.add_(gradient.to(ScalarType.Float64).mul(weight).sum(0, keepdim: true));
        }, cancellationToken);

        var attribution = difference.to(ScalarType.Float64).mul(accumulated).sum(-1).select(0, 0);       // [L]
        using (torch.no_grad())
        {
            var ends = run.Scorer.ObjectiveFromEmbeddings(torch.cat([input, baseline], 0)).to(ScalarType.Float64).cpu().ToArray<double>();
            var delta = ends[0] - ends[1];
            var gap = attribution.sum().ToDouble() - delta;
            run.Diagnose("completeness_gap", gap);
            run.Diagnose("relative_completeness_gap", delta == 0 ? double.NaN : Math.Abs(gap / delta));
            run.Diagnose("objective_input", ends[0]);
            run.Diagnose("objective_baseline", ends[1]);
        }

        return run.FinishWithContextScores(attribution.to(ScalarType.Float32).cpu().ToArray<float>());
    }
}
