using Harness.Attribution.Core;
using Harness.Scoring;

namespace Harness.Attribution.Methods;

/// <summary>
/// shapley_sampling (Castro et al. 2009; Captum ShapleyValueSampling): for each of P random
/// permutations of the region's positions, add the tokens one by one to the empty coalition and
/// credit each with the change of the objective; scores are the mean over permutations, so they sum
/// exactly to f(all) - f(none). Evaluations: f(all), f(none) and P (L - 1) intermediate coalitions,
/// batched. spec/attributors.md.
/// </summary>
public sealed class ShapleySampling(ShapleySamplingOptions? options = null) : IPackedAttributor
{
    /// <summary>The spec's and YAML's name of Shapley value sampling.</summary>
    public const string MethodName = "shapley_sampling";

    /// <summary>The registry's entry for this method.</summary>
    public static AttributorDescriptor Descriptor { get; } = new(MethodName, typeof(ShapleySamplingOptions), (o, _) => new ShapleySampling((ShapleySamplingOptions?)o))
    {
        Summary = "Shapley value sampling (Captum ShapleyValueSampling): marginal contributions over random permutations",
        Passes = PassRule.For<ShapleySamplingOptions>("2 + permutations x (L - 1) forward", "Captum ShapleyValueSampling",
            (o, units) => new PassEstimate(2 + o.Permutations * Math.Max(units - 1, 1), 0)),
    };

    private readonly ShapleySamplingOptions options = Checked(options ?? new ShapleySamplingOptions());

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
    private static ShapleySamplingOptions Checked(ShapleySamplingOptions options) =>
        options.Permutations < 1 ? throw new AttributionException($"shapley_sampling needs at least 1 permutation, got {options.Permutations}") : options;

    /// <inheritdoc />
    public int AttributionsPerPack(int batchSize) => Math.Max(1, batchSize / options.Permutations);

    private PerturbationPlan Plan(AttributionRun run, ContextAblator ablator)
    {
        using var sampler = new CoalitionSampler(run.Request.Seed);
        var n = ablator.Features;
        var permutations = Enumerable.Range(0, options.Permutations).Select(_ => sampler.Permutation(n)).ToList();

        // Row 0: nobody, row 1: everybody, then the L - 1 proper prefixes of every permutation.
        var masks = new List<bool[]> { new bool[n], Enumerable.Repeat(true, n).ToArray() };
        foreach (var order in permutations)
        {
            var keep = new bool[n];
            for (var step = 0; step < n - 1; step++)
            {
                keep[order[step]] = true;
                masks.Add((bool[])keep.Clone());
            }
        }

        return new PerturbationPlan(masks, values => Credit(run, permutations, values));
    }

    /// <summary>Each token's mean change of the objective when it joins, over the permutations.</summary>
    private static AttributionResult Credit(AttributionRun run, List<int[]> permutations, double[] values)
    {
        var n = run.Sources.Count;
        var (none, all) = (values[0], values[1]);
        var scores = new double[n];
        for (var p = 0; p < permutations.Count; p++)
        {
            var previous = none;
            for (var step = 0; step < n; step++)
            {
                var current = step == n - 1 ? all : values[2 + p * (n - 1) + step];
                scores[permutations[p][step]] += current - previous;
                previous = current;
            }
        }

        run.Diagnose("objective_input", all);
        run.Diagnose("objective_empty", none);
        return run.Finish(scores.Select(s => (float)(s / permutations.Count)).ToArray());
    }
}
