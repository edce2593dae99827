using Harness.Attribution.Core;
using Harness.Scoring;

namespace Harness.Attribution.Methods;

/// <summary>
/// kernel_shap (Lundberg and Lee 2017, theorem 2): the weighted linear regression of the objective
/// on coalition masks with the Shapley kernel pi(z) = (L - 1) / (C(L, |z|) |z| (L - |z|)), subject
/// to phi_0 = f(none) and sum phi = f(all) - f(none). The constraint is solved exactly by
/// eliminating the last feature (the limit of Captum's very large weights on the empty and full
/// coalitions; it agrees with Captum's float32 fit to 1e-5 of the largest score). Sampled mode draws the
/// coalitions Captum's KernelShap draws for the same torch seed, each with weight 1: Captum's n_samples is
/// Samples + 2, its first two samples being the full and the empty coalition. With Samples >= 2^L - 2
/// every coalition is enumerated with its kernel weight instead, which gives the exact Shapley values.
/// spec/attributors.md.
/// </summary>
public sealed class KernelShap(KernelShapOptions? options = null) : IPackedAttributor
{
    /// <summary>The spec's and YAML's name of KernelSHAP.</summary>
    public const string MethodName = "kernel_shap";

    /// <summary>The registry's entry for this method.</summary>
    public static AttributorDescriptor Descriptor { get; } = new(MethodName, typeof(KernelShapOptions), (o, _) => new KernelShap((KernelShapOptions?)o))
    {
        Summary = "KernelSHAP (Lundberg & Lee 2017): Shapley-kernel weighted linear fit to sampled coalitions (Captum KernelShap)",
        Passes = PassRule.For<KernelShapOptions>("samples + 2 forward", "Captum KernelShap", (o, _) => new PassEstimate(o.Samples + 2, 0)),
    };

    private readonly KernelShapOptions options = Checked(options ?? new KernelShapOptions());

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
    private static KernelShapOptions Checked(KernelShapOptions options) =>
        options.Samples < 1 ? throw new AttributionException($"kernel_shap needs at least 1 sample, got {options.Samples}") : options;

    /// <inheritdoc />
    public int AttributionsPerPack(int batchSize) => Math.Max(1, batchSize / (options.Samples + 2));

    private PerturbationPlan Plan(AttributionRun run, ContextAblator ablator)
    {
        var n = ablator.Features;
        var exact = n < 31 && options.Samples >= (1L << n) - 2;
        var (coalitions, weights) = exact ? AllCoalitions(n) : SampledCoalitions(n, options.Samples, run.Request.Seed);
        return new PerturbationPlan([new bool[n], Enumerable.Repeat(true, n).ToArray(), .. coalitions], values => Solve(run, exact, coalitions, weights, values));
    }

    /// <summary>The constrained weighted regression on the coalitions' objectives (rows 0 and 1: none and all).</summary>
    private static AttributionResult Solve(AttributionRun run, bool exact, List<bool[]> coalitions, List<double> weights, double[] values)
    {
        var n = run.Sources.Count;
        var (none, all) = (values[0], values[1]);
        var delta = all - none;
        var scores = new double[n];
        if (n == 1)
        {
            scores[0] = delta;
        }
        else
        {
            // Eliminate phi_last = delta - sum of the others: y' = f(z) - f(none) - z_last delta on x'_j = z_j - z_last.
            var x = coalitions.Select(z => Enumerable.Range(0, n - 1).Select(j => (z[j] ? 1.0 : 0.0) - (z[n - 1] ? 1.0 : 0.0)).ToArray()).ToList();
            var y = coalitions.Select((z, r) => values[2 + r] - none - (z[n - 1] ? delta : 0)).ToList();
            var fit = WeightedLinearSurrogate.LeastSquares(x, y, weights, fitIntercept: false);
            fit.Coefficients.CopyTo(scores, 0);
            scores[n - 1] = delta - fit.Coefficients.Sum();
        }

        run.Diagnose("exact_enumeration", exact ? 1 : 0);
        run.Diagnose("coalitions", coalitions.Count + 2);
        run.Diagnose("objective_input", all);
        run.Diagnose("objective_empty", none);
        return run.Finish(scores.Select(s => (float)s).ToArray());
    }

    /// <summary>Every proper, non-empty coalition with its Shapley kernel weight.</summary>
    private static (List<bool[]> Coalitions, List<double> Weights) AllCoalitions(int n)
    {
        var coalitions = new List<bool[]>();
        var weights = new List<double>();
        for (var bits = 1L; bits < (1L << n) - 1; bits++)
        {
            var z = Enumerable.Range(0, n).Select(j => (bits >> j & 1) == 1).ToArray();
            coalitions.Add(z);
            weights.Add(KernelWeight(n, z.Count(b => b)));
        }

        return (coalitions, weights);
    }

    /// <summary>Captum's sampling (<see cref="CoalitionSampler.ShapleyKernelCoalition"/>): a size k in 1..L-1 with
    /// probability proportional to (L - 1) / (k (L - k)) (the kernel's total weight on that size), then k features
    /// uniformly; weight 1 each. The same seed draws Captum's coalitions after torch.manual_seed.</summary>
    private static (List<bool[]> Coalitions, List<double> Weights) SampledCoalitions(int n, int samples, ulong seed)
    {
        using var sampler = new CoalitionSampler(seed);
        var coalitions = Enumerable.Range(0, samples).Select(_ => sampler.ShapleyKernelCoalition(n)).ToList();
        return (coalitions, Enumerable.Repeat(1.0, coalitions.Count).ToList());
    }

    private static double KernelWeight(int n, int k) => (n - 1) / (Binomial(n, k) * k * (n - k));

    private static double Binomial(int n, int k)
    {
        var result = 1.0;
        for (var i = 1; i <= k; i++) result = result * (n - k + i) / i;
        return result;
    }
}
