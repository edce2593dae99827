using Harness.Attribution.Core;
using Harness.Scoring;

namespace Harness.Attribution.Methods;

/// <summary>
/// context_cite (Cohen-Wang et al. 2024, example-specific surrogate): N random source ablations
/// (each source, here each position of the region, kept with probability 0.5; by default ContextCite's own masks,
/// <see cref="MaskDraw.ContextCite"/>); the output of each is
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
        if (options.BaseSeed is < 0 or > uint.MaxValue)
            throw new AttributionException($"context_cite's base_seed must lie in [0, 2^32 - 1] as numpy's RandomState seeds do, got {options.BaseSeed}");
        return PerturbationPlan.AttributeMany(requests, r => r with { Objective = Objective.LogProb },
            run => new ContextAblator(run, options.Ablation, options.ReplacementTokenId), Plan, cancellationToken);
    }

    /// <inheritdoc />
    public int AttributionsPerPack(int batchSize) => Math.Max(1, batchSize / options.Ablations);

    /// <summary>The keep-masks (true: the source stays) of the ablations, drawn as <see cref="ContextCiteOptions.Draw"/> says.</summary>
    public static List<bool[]> Masks(ContextCiteOptions options, int sources, ulong itemSeed)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Draw == MaskDraw.ContextCite)
            return NumpyRandomState.AblationMasks(options.Ablations, sources, options.KeepProbability, (uint)options.BaseSeed);
        using var sampler = new CoalitionSampler(itemSeed);
        return Enumerable.Range(0, options.Ablations).Select(_ => sampler.KeepMask(sources, options.KeepProbability)).ToList();
    }

    private PerturbationPlan Plan(AttributionRun run, ContextAblator ablator)
    {
        var masks = Masks(options, ablator.Features, run.Request.Seed);
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
