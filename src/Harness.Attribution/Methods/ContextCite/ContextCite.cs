using Harness.Attribution.Core;
using Harness.Scoring;

namespace Harness.Attribution.Methods;

/// <summary>
/// context_cite (Cohen-Wang et al. 2024, example-specific surrogate): N random source ablations
/// (each source, here each position of the region, kept with probability 0.5); the output of each is
/// the logit of the response's joint probability, log P - log(1 - P) with log P the sum of the
/// response tokens' log-probabilities (the request's objective is not used); the scores are the
/// weights of <see cref="ContextCiteSurrogate"/>: a Lasso on the standardised masks fitted to
/// output / m and rescaled by m, as ContextCite's LassoRegression. spec/attributors.md.
/// </summary>
public sealed class ContextCite(ContextCiteOptions? options = null) : IPackedAttributor
{
    /// <summary>The spec's and YAML's name of ContextCite.</summary>
    public const string MethodName = "context_cite";

    /// <summary>The registry's entry for this method.</summary>
    public static AttributorDescriptor Descriptor { get; } = new(MethodName, typeof(ContextCiteOptions), (o, _) => new ContextCite((ContextCiteOptions?)o))
    {
        Summary = "ContextCite (Cohen-Wang et al. 2024): sparse linear surrogate of the response's logit-probability over random source ablations",
        Passes = PassRule.For<ContextCiteOptions>("ablations forward", "MadryLab/context-cite", (o, _) => new PassEstimate(o.Ablations, 0)),
    };

    private readonly ContextCiteOptions options = options ?? new ContextCiteOptions();

    /// <inheritdoc />
    public string Name => MethodName;

    /// <inheritdoc />
    public AttributionResult Attribute(AttributionRequest request, CancellationToken cancellationToken = default) => AttributeMany([request], cancellationToken)[0];

    /// <inheritdoc />
    public IReadOnlyList<AttributionResult> AttributeMany(IReadOnlyList<AttributionRequest> requests, CancellationToken cancellationToken = default)
    {
        if (options.Ablations < 2) throw new AttributionException($"context_cite needs at least 2 ablations, got {options.Ablations}");
        if (options.KeepProbability is <= 0 or >= 1)
            throw new AttributionException($"context_cite's keep probability must lie in (0, 1), got {options.KeepProbability}");
        return PerturbationPlan.AttributeMany(requests, r => r with { Objective = Objective.LogProb },
            run => new ContextAblator(run, options.Ablation, options.ReplacementTokenId), Plan, cancellationToken);
    }

    /// <inheritdoc />
    public int AttributionsPerPack(int batchSize) => Math.Max(1, batchSize / options.Ablations);

    private PerturbationPlan Plan(AttributionRun run, ContextAblator ablator)
    {
        using var sampler = new CoalitionSampler(run.Request.Seed);
        var n = ablator.Features;
        var masks = Enumerable.Range(0, options.Ablations).Select(_ => sampler.KeepMask(n, options.KeepProbability)).ToList();
        return new PerturbationPlan(masks, values =>
        {
            // The scorer's LogProb of a span is already sum_t log p_t, what aggregate_logit_probs recovers
            // from the token logit-probabilities through logsigmoid (context_citer.py:302).
            var outputs = values.Select(logP => ContextCiteSurrogate.LogitOfJointProbability((float)logP)).ToList();
            var fit = ContextCiteSurrogate.FitOutputs(masks, outputs, run.Request.Target.Ids.Count, options.LassoAlpha);
            run.Diagnose("intercept", fit.Bias);
            run.Diagnose("lasso_iterations", fit.LassoIterations);
            return run.Finish(fit.Weights.Select(s => (float)s).ToArray());
        });
    }
}
