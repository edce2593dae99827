using Harness.Attribution.Core;

namespace Harness.Attribution.Methods;

/// <summary>
/// context_cite (Cohen-Wang et al. 2024, example-specific surrogate): N random source ablations
/// (each source, here each position of the region, kept with probability 0.5); the output of each is
/// the <see cref="LogitProbability"/> of the target's mean per-token log-probability l = log P(y) / m
/// (the request's objective is not used); a Lasso on the standardised masks is fitted and the scores
/// are its coefficients mapped back to the unstandardised masks (coefficient / scale, as
/// ContextCite's LassoRegression). spec/attributors.md.
/// </summary>
public sealed class ContextCite(ContextCiteOptions? options = null) : IAttributor
{
    public const string MethodName = "context_cite";

    private readonly ContextCiteOptions options = options ?? new ContextCiteOptions();

    public string Name => MethodName;

    public AttributionResult Attribute(AttributionRequest request, CancellationToken cancellationToken = default)
    {
        if (options.Ablations < 2) throw new AttributionException($"context_cite needs at least 2 ablations, got {options.Ablations}");
        if (options.KeepProbability is <= 0 or >= 1)
            throw new AttributionException($"context_cite's keep probability must lie in (0, 1), got {options.KeepProbability}");
        using var run = new AttributionRun(request with { Objective = Objective.LogProb });
        var ablator = new ContextAblator(run, options.Ablation, options.ReplacementTokenId);
        using var sampler = new CoalitionSampler(request.Seed);
        var n = ablator.Features;
        var masks = Enumerable.Range(0, options.Ablations).Select(_ => sampler.KeepMask(n, options.KeepProbability)).ToList();

        cancellationToken.ThrowIfCancellationRequested();
        var outputs = ablator.Score(masks).Select(logP => LogitProbability.FromLogProbability(logP / request.Target.Ids.Count)).ToList();
        var x = masks.Select(z => z.Select(k => k ? 1.0 : 0.0).ToArray()).ToList();
        var (mean, scale) = WeightedLinearSurrogate.StandardScale(x);
        var standardised = x.Select(row => row.Select((v, j) => (v - mean[j]) / scale[j]).ToArray()).ToList();
        var fit = WeightedLinearSurrogate.Lasso(standardised, outputs, options.LassoAlpha);
        var scores = fit.Coefficients.Select((c, j) => c / scale[j]).ToArray();
        run.Diagnose("intercept", fit.Intercept - fit.Coefficients.Select((c, j) => c * mean[j] / scale[j]).Sum());
        return run.Finish(scores.Select(s => (float)s).ToArray());
    }
}
