using Harness.Attribution.Core;
using Harness.Scoring;
using Harness.Torch;

namespace Harness.Attribution.Methods;

/// <summary>
/// gradient_shap (expected gradients; Lundberg &amp; Lee 2017, Erion et al. 2021; Captum
/// GradientShap): the mean over samples k of grad f(b + a_k (x_k - b)) * (x_k - b), with the
/// <see cref="EmbeddingBaseline"/> b on the attributed region (zero by default; `eos` for Inseq's on GPT-2, GPT-J and
/// OPT, which the ReAGent code ran), x_k = x + N(0, stdev^2) noise on the region
/// and a_k ~ U(0, 1), summed over the embedding dimension. Draws come from the request's seed as Captum's
/// GradientShap makes them after np.random.seed(seed) and torch.manual_seed(seed): a_k from numpy's
/// np.random.uniform(0, 1, samples) (gradient_shap.py), the noise from torch's normal draws (NoiseTunnel); the
/// samples run in as few passes as memory allows (<see cref="PassPlanner"/>).
/// </summary>
public sealed class GradientShap(GradientShapOptions? options = null, long? eosTokenId = null) : IAttributor
{
    /// <summary>The spec's and YAML's name of GradientSHAP.</summary>
    public const string MethodName = "gradient_shap";

    /// <summary>The registry's entry for this method.</summary>
    public static AttributorDescriptor Descriptor { get; } = new(MethodName, typeof(GradientShapOptions), (o, r) => new GradientShap((GradientShapOptions?)o, r.EosTokenId))
    {
        Summary = "GradientSHAP (Lundberg & Lee 2017): input x gradient at noisy points between random baselines and the input",
        Needs = AttributorNeeds.Gradients,
        // The ReAGent code ran gradient_shap through Inseq, whose default aggregation divides the L2 norms by their sum.
        ReagentTransform = ProtocolTransform.Sum,
        Passes = PassRule.For<GradientShapOptions>("samples forward + samples backward", "Captum GradientShap", (o, _) => new PassEstimate(o.Samples, o.Samples)),
    };

    private readonly GradientShapOptions options = Checked(options ?? new GradientShapOptions());

    /// <inheritdoc />
    public string Name => MethodName;

    /// <summary>The options' own ranges, checked when the method is made (so `harness validate` reports them at the
    /// attributor's line, before any model loads); those that need the model are checked per request.</summary>
    private static GradientShapOptions Checked(GradientShapOptions options)
    {
        if (options.Samples < 1) throw new AttributionException($"gradient_shap samples must be at least 1, got {options.Samples}");
        if (!(options.NoiseStdDev >= 0)) throw new AttributionException($"gradient_shap noise_std_dev must be >= 0, got {options.NoiseStdDev}");
        return options;
    }

    /// <inheritdoc />
    public AttributionResult Attribute(AttributionRequest request, CancellationToken cancellationToken = default)
    {
        using var run = new AttributionRun(request.WithObjective(options.Objective), cancellationToken);
        using var generator = new Generator(request.Seed);
        var input = run.Scorer.ContextEmbeddings();                                                      // [1, L, D]
        var (l, d) = (input.size(1), input.size(2));
        var region = run.SourcePositionMask(input);                                                      // [1, L, 1]
        var baseline = options.Baseline.Resolve(eosTokenId).Embeddings(run, input);                     // [1, L, D]

        // All draws up front, so the scores do not depend on the batch size; on the CPU generator's
        // device, so they do not depend on the model's either.
        var noise = torch.randn([options.Samples, l, d], generator, device: Device.CPU).to(input.dtype, input.device).mul(options.NoiseStdDev).mul(region);
        var draws = NumpyRandomState.Seeded(request.Seed).Uniform(options.Samples);
        var alphas = torch.tensor(draws, [options.Samples, 1, 1], device: Device.CPU).to(input.dtype, input.device);

        var total = torch.zeros([l, d], ScalarType.Float64, device: input.device);                      // [L, D]
        OutOfMemoryBackoff.ForEachBatch(options.Samples, PassPlanner.GradientRowsPerPass(run, options.Samples), (start, count) =>
        {
            var noisy = input.add(noise.narrow(0, start, count));                                        // [n, L, D]
            var alpha = alphas.narrow(0, start, count);
            var points = alpha.mul(noisy).add(alpha.neg().add(1.0).mul(baseline));                       // Captum's _scale_input
            var difference = noisy.sub(baseline);
            var (_, gradient) = EmbeddingGradients.Of(run, points);
            total.add_(gradient.mul(difference).to(ScalarType.Float64).sum(0));
            run.ReportProgress(start + count, options.Samples, "samples");
        }, cancellationToken);

        // Per dimension the mean over samples (Captum's GradientShap), then one score per token.
        var perDimension = total.div(options.Samples);                                                    // [L, D]
        var scores = options.Reduction == GradientReduction.Sum ? perDimension.sum(1) : perDimension.norm(2, [1]);
        return run.FinishWithContextScores(scores.to(ScalarType.Float32).cpu().ToArray<float>());
    }
}
