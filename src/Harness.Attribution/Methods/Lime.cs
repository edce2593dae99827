using Harness.Attribution.Core;
using Harness.Scoring;

namespace Harness.Attribution.Methods;

/// <summary>
/// lime (Ribeiro et al. 2016; Captum Lime): draw binary keep-masks z over the region (each token
/// kept with probability 0.5; the masks Captum draws for the same torch seed), score the ablated
/// contexts, weight each by the exponential kernel exp(-d(z)^2 / (2 w^2)) of its cosine distance
/// d(z) = 1 - cos(z, 1) to the unperturbed input, and fit a weighted linear surrogate with intercept:
/// ridge in float64, or Captum's default Lasso as scikit-learn fits it in float32. Scores are its
/// coefficients. spec/attributors.md.
/// </summary>
public sealed class Lime(LimeOptions? options = null) : IPackedAttributor
{
    /// <summary>The spec's and YAML's name of LIME.</summary>
    public const string MethodName = "lime";

    /// <summary>The registry's entry for this method.</summary>
    public static AttributorDescriptor Descriptor { get; } = new(MethodName, typeof(LimeOptions), (o, _) => new Lime((LimeOptions?)o))
    {
        Summary = "LIME (Ribeiro et al. 2016): locally weighted linear surrogate on sampled masks (Captum Lime)",
        Passes = PassRule.For<LimeOptions>("samples forward", "Captum Lime", (o, _) => new PassEstimate(o.Samples, 0)),
    };

    private readonly LimeOptions options = Checked(options ?? new LimeOptions());

    /// <inheritdoc />
    public string Name => MethodName;

    /// <inheritdoc />
    public AttributionResult Attribute(AttributionRequest request, CancellationToken cancellationToken = default) => AttributeMany([request], cancellationToken)[0];

    /// <inheritdoc />
    public IReadOnlyList<AttributionResult> AttributeMany(IReadOnlyList<AttributionRequest> requests, CancellationToken cancellationToken = default)
    {
        return PerturbationPlan.AttributeMany(requests, r => r.WithObjective(options.Objective), run => new ContextAblator(run, options.Ablation, options.ReplacementTokenId), Plan, cancellationToken);
    }

    /// <summary>The options' own ranges, checked when the method is made (so `harness validate` reports them at the
    /// attributor's line, before any model loads); those that need the model are checked per request.</summary>
    private static LimeOptions Checked(LimeOptions options)
    {
        if (options.Samples < 2) throw new AttributionException($"lime needs at least 2 samples, got {options.Samples}");
        if (!(options.KernelWidth > 0)) throw new AttributionException($"lime's kernel width must be positive, got {options.KernelWidth}");
        return options;
    }

    /// <inheritdoc />
    public int AttributionsPerPack(int batchSize) => Math.Max(1, batchSize / options.Samples);

    private PerturbationPlan Plan(AttributionRun run, ContextAblator ablator)
    {
        using var sampler = new CoalitionSampler(run.Request.Seed);
        var n = ablator.Features;
        var masks = Enumerable.Range(0, options.Samples).Select(_ => sampler.BernoulliMask(n, 0.5)).ToList();
        return new PerturbationPlan(masks, values => Fit(run, masks, values));
    }

    /// <summary>The surrogate on what Captum's LimeBase hands its interpretable model: the masks, the
    /// objectives and the kernel weights, each cast to float32.</summary>
    private AttributionResult Fit(AttributionRun run, List<bool[]> masks, double[] values)
    {
        var weights = masks.Select(z => SimilarityWeight(z, options.KernelWidth)).ToArray();
        double[] coefficients;
        double intercept;
        if (options.Surrogate == LimeSurrogate.Lasso)
        {
            // Captum's SkLearnLasso: scikit-learn's Lasso on the float32 samples with sample weights.
            var x = masks.Select(z => z.Select(k => k ? 1f : 0f).ToArray()).ToArray();
            var fit = ScikitLearnLasso.Solve(x, values.Select(v => (float)v).ToArray(), options.Alpha ?? 0.01, sampleWeights: weights);
            (coefficients, intercept) = (fit.Coefficients.Select(c => (double)c).ToArray(), fit.Intercept);
        }
        else
        {
            var x = masks.Select(z => z.Select(k => k ? 1.0 : 0.0).ToArray()).ToList();
            var fit = WeightedLinearSurrogate.LeastSquares(x, values, weights.Select(w => (double)w).ToList(), ridge: options.Alpha ?? 1.0);
            (coefficients, intercept) = (fit.Coefficients, fit.Intercept);
        }

        run.Diagnose("intercept", intercept);
        return run.Finish(coefficients.Select(c => (float)c).ToArray());
    }

    /// <summary>Captum's get_exp_kernel_similarity_function (cosine, width w) on the interpretable input, in float32 to
    /// within its rounding (torch sums the normalised products; here the closed form): d = 1 - cos(z, 1) =
    /// 1 - |z| / sqrt(L |z|) (an empty mask has cosine 0), then exp(-d^2 / (2 w^2)), kept as a float32 weight: the
    /// weight lime gives a keep-mask.</summary>
    public static float SimilarityWeight(IReadOnlyList<bool> keep, double width)
    {
        var kept = keep.Count(k => k);
        var cosine = kept == 0 ? 0f : kept / MathF.Sqrt((float)keep.Count * kept);
        var distance = 1f - cosine;
        return (float)Math.Exp(-(distance * distance) / (2 * width * width));
    }
}
