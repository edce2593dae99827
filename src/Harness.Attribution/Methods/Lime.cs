using Harness.Attribution.Core;
using Harness.Scoring;

namespace Harness.Attribution.Methods;

/// <summary>
/// lime (Ribeiro et al. 2016; Captum Lime): draw binary keep-masks z over the region (each token
/// kept with probability 0.5), score the ablated contexts, weight each by the exponential kernel
/// exp(-d(z)^2 / (2 w^2)) of its cosine distance d(z) = 1 - cos(z, 1) to the unperturbed input, and
/// fit a weighted linear surrogate (ridge or Lasso, with intercept); scores are its coefficients.
/// spec/attributors.md.
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

    private readonly LimeOptions options = options ?? new LimeOptions();

    /// <inheritdoc />
    public string Name => MethodName;

    /// <inheritdoc />
    public AttributionResult Attribute(AttributionRequest request, CancellationToken cancellationToken = default) => AttributeMany([request], cancellationToken)[0];

    /// <inheritdoc />
    public IReadOnlyList<AttributionResult> AttributeMany(IReadOnlyList<AttributionRequest> requests, CancellationToken cancellationToken = default)
    {
        if (options.Samples < 2) throw new AttributionException($"lime needs at least 2 samples, got {options.Samples}");
        if (!(options.KernelWidth > 0)) throw new AttributionException($"lime's kernel width must be positive, got {options.KernelWidth}");
        return PerturbationPlan.AttributeMany(requests, r => r.WithObjective(options.Objective), run => new ContextAblator(run, options.Ablation, options.ReplacementTokenId), Plan, cancellationToken);
    }

    /// <inheritdoc />
    public int AttributionsPerPack(int batchSize) => Math.Max(1, batchSize / options.Samples);

    private PerturbationPlan Plan(AttributionRun run, ContextAblator ablator)
    {
        using var sampler = new CoalitionSampler(run.Request.Seed);
        var n = ablator.Features;
        var masks = Enumerable.Range(0, options.Samples).Select(_ => sampler.KeepMask(n, 0.5)).ToList();
        return new PerturbationPlan(masks, values => Fit(run, masks, values));
    }

    private AttributionResult Fit(AttributionRun run, List<bool[]> masks, double[] values)
    {
        var x = masks.Select(z => z.Select(k => k ? 1.0 : 0.0).ToArray()).ToList();
        var weights = masks.Select(z => Kernel(z, options.KernelWidth)).ToList();
        var fit = options.Surrogate switch
        {
            LimeSurrogate.Ridge => WeightedLinearSurrogate.LeastSquares(x, values, weights, ridge: options.Alpha ?? 1.0),
            LimeSurrogate.Lasso => WeightedLinearSurrogate.Lasso(x, values, options.Alpha ?? 0.01, weights),
            _ => throw new InvalidOperationException($"unknown surrogate {options.Surrogate}"), // unreachable: every LimeSurrogate is handled above
        };
        run.Diagnose("intercept", fit.Intercept);
        return run.Finish(fit.Coefficients.Select(c => (float)c).ToArray());
    }

    /// <summary>exp(-d^2 / (2 w^2)) with d = 1 - cos(z, 1) = 1 - sqrt(|z| / L); an empty mask has cosine 0.</summary>
    private static double Kernel(bool[] keep, double width)
    {
        var distance = 1 - Math.Sqrt(keep.Count(k => k) / (double)keep.Length);
        return Math.Exp(-distance * distance / (2 * width * width));
    }
}
