using Harness.Attribution.Core;
using Harness.Scoring;

namespace Harness.Attribution.Methods;

/// <summary>
/// context_cite (Cohen-Wang et al. 2024, example-specific surrogate): N random source ablations
/// (each source, here each position of the region, kept with probability 0.5; by default ContextCite's own masks,
/// <see cref="MaskDraw.ContextCite"/>; by default the ablated sources' text is taken out of the prompt and the prompt
/// encoded again, as ContextCite does, <see cref="SourceTextAblation"/>); the output of each is
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

    private readonly ContextCiteOptions options = Checked(options ?? new ContextCiteOptions());

    /// <inheritdoc />
    public string Name => MethodName;

    /// <inheritdoc />
    public AttributionResult Attribute(AttributionRequest request, CancellationToken cancellationToken = default) => AttributeMany([request], cancellationToken)[0];

    /// <inheritdoc />
    public IReadOnlyList<AttributionResult> AttributeMany(IReadOnlyList<AttributionRequest> requests, CancellationToken cancellationToken = default)
    {
        return PerturbationPlan.AttributeMany(requests, r => r with { Objective = Objective.LogProb },
            run => new ContextAblator(run, options.AblationFor(run.Request), options.ReplacementTokenId), Plan, cancellationToken);
    }

    /// <summary>The options' own ranges, checked when the method is made (so `harness validate` reports them at the
    /// attributor's line, before any model loads); those that need the model are checked per request.</summary>
    private static ContextCiteOptions Checked(ContextCiteOptions options)
    {
        if (options.Ablations < 2) throw new AttributionException($"context_cite needs at least 2 ablations, got {options.Ablations}");
        if (options.KeepProbability is <= 0 or >= 1)
            throw new AttributionException($"context_cite's keep probability must lie in (0, 1), got {options.KeepProbability}");
        // Mask i is drawn with seed base_seed + i, and numpy's RandomState takes seeds in [0, 2^32 - 1].
        if (options.BaseSeed < 0 || options.BaseSeed + options.Ablations - 1 > uint.MaxValue)
            throw new AttributionException($"context_cite's base_seed + ablations - 1 must lie in [0, 2^32 - 1] as numpy's RandomState seeds do, got base_seed {options.BaseSeed} with {options.Ablations} ablations");
        // scikit-learn's Lasso takes alpha in [0, inf).
        if (!(options.LassoAlpha >= 0)) throw new AttributionException($"context_cite lasso_alpha must be >= 0, got {options.LassoAlpha}");
        return options;
    }

    /// <inheritdoc />
    public int AttributionsPerPack(int batchSize) => Math.Max(1, batchSize / options.Ablations);

    // "ctxcite\0" as a number: what the item's seed is mixed with for the seeded draw.
    private const ulong SeededStream = 0x6374786369746500UL;

    /// <summary>The keep-masks (true: the source stays) of the ablations, drawn as <see cref="ContextCiteOptions.Draw"/> says.</summary>
    public static List<bool[]> Masks(ContextCiteOptions options, int sources, ulong itemSeed)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Draw == MaskDraw.ContextCite)
            return NumpyRandomState.AblationMasks(options.Ablations, sources, options.KeepProbability, (uint)options.BaseSeed);
        // A stream of its own: LDS draws its masks from the item's seed itself, and a surrogate fitted on the masks it
        // is scored on would be scored in sample.
        using var sampler = new CoalitionSampler(itemSeed ^ SeededStream);
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
            // Which ablation the default picked (1: the prompt's text taken apart and encoded again, ContextCite's own).
            run.Diagnose("text_ablation", options.AblationFor(run.Request) == Ablation.Text ? 1 : 0);
            return run.Finish(fit.Weights.Select(s => (float)s).ToArray());
        });
    }
}
