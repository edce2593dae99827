using Harness.Attribution.Core;

namespace Harness.Attribution.Methods;

/// <summary>
/// reagent (Zhao &amp; Shan 2024, ReAGent: a model-agnostic feature attribution method for generative
/// language models; Inseq's Reagent): per chain, logits l ~ U(0, 1)^S over the S sources; each step
/// draws a replacement set R (each source with probability replace_ratio, its tokens replaced
/// together by the <see cref="ITokenReplacer"/>), delta = f(x) - f(x with R replaced), and
/// l_i += logit((d_i + 1) / 2) with d_i = delta for i in R and -delta otherwise (Inseq's
/// DeltaProbImportanceScoreEvaluator); the
/// chain stops when <see cref="TopKStoppingCondition"/> holds for s = softmax(l). The scores are s
/// averaged over the chains that stopped, or over all chains, flagged, when none did.
/// spec/attributors.md "ReAGent".
/// Choices where the spec is open:
/// - f is the request's objective (p(y | x) by default, a span's summed log-probability), so delta
///   may leave [-1, 1]: (d + 1) / 2 is clamped to [1e-7, 1 - 1e-7], a step moves l_i by at most 16.1.
/// - Only region positions are replaced; a chain that stopped runs no further passes; a step whose
///   R is empty still runs its pass (as Inseq does).
/// - Cost counts the attributed model only: 1 pass for f(x), then 2 per chain step (update and
///   stopping test), plus 1 for the shared prefix's KV cache when the region starts after position 0
///   (<see cref="TargetScorer"/>); the masked LM's sequences are the masked_lm_forward_passes diagnostic.
/// - Draw order from the seed's generator: the initial logits chain by chain; per step the sets R of
///   the running chains in chain order, the update's replacements (one draw per replaced token, row by
///   row), then the stopping test's replacements.
/// Diagnostics: steps_mean (over all chains), chains_stopped, no_chain_stopped (1: the scores average
/// chains that never stopped), objective_input f(x), masked_lm_forward_passes, masked_lm_fallbacks.
/// </summary>
public sealed class ReAgent(ReAgentOptions? options = null, MaskedLmReplacerModel? maskedLm = null, Lazy<PosTagMap>? posTags = null) : IAttributor
{
    public const string MethodName = "reagent";

    /// <summary>Bound on (d + 1) / 2 away from 0 and 1, keeping logit() finite.</summary>
    private const double HalfDeltaClamp = 1e-7;

    private readonly ReAgentOptions options = options ?? new ReAgentOptions();

    public string Name => MethodName;

    public AttributionResult Attribute(AttributionRequest request, CancellationToken cancellationToken = default)
    {
        options.Validate(request.Model.VocabSize);
        if (options.Replacer == ReAgentReplacer.Pos && posTags is null)
            throw new AttributionException("reagent's pos replacer needs the part-of-speech tags of the model's vocabulary (AttributorResources.PosTags, made from the model folder's tokenizer.json); none were given, or use replacer=uniform");
        if (options.Replacer == ReAgentReplacer.Mlm && maskedLm is null)
            throw new AttributionException("reagent's mlm replacer needs a masked LM (AttributorResources.MaskedLm; `harness attribute --mlm DIR`); none was given, or use replacer=uniform");
        // delta = p_o - p(y | x with R replaced): ReAGent's rationalizer scores the probability.
        using var run = new AttributionRun(request.WithObjective(Objective.Prob));
        using var sampler = new CoalitionSampler(request.Seed);
        ITokenReplacer replacer = options.Replacer switch
        {
            ReAgentReplacer.Mlm => new MaskedLmReplacer(maskedLm!, request, sampler, options.MlmTopK),
            ReAgentReplacer.Pos => new PosReplacer(request.ContextIds, posTags!.Value, sampler),
            _ => new UniformReplacer(request.ContextIds, request.Model.VocabSize, sampler),
        };
        var stopping = new TopKStoppingCondition(run, replacer, options.KeepTopN, options.StopTopK);
        var (n, chains) = (run.Sources.Count, options.Chains);

        var original = run.Scorer.Score([request.ContextIds])[0];
        var logits = Enumerable.Range(0, chains).Select(_ => sampler.Uniform(n)).ToArray();
        var steps = new int[chains];
        var stopped = new bool[chains];
        for (var step = 0; step < options.MaxSteps; step++)
        {
            var running = Enumerable.Range(0, chains).Where(c => !stopped[c]).ToArray();
            if (running.Length == 0) break;
            cancellationToken.ThrowIfCancellationRequested();
            // Steps 1-2: a replacement set R per running chain (per source), its tokens replaced; one batched scoring.
            var replaced = running.Select(_ => sampler.Uniform(n).Select(u => u < options.ReplaceRatio).ToArray()).ToArray();
            var values = run.Scorer.Score(replacer.Replace(replaced.Select(r => run.ContextKeepMask(r.Select(x => !x).ToArray())).ToList()));
            // Step 3: the update; step 4: the stopping test on s = softmax(l), batched over the chains.
            var scores = new double[running.Length][];
            for (var k = 0; k < running.Length; k++)
            {
                var (chain, delta) = (running[k], original - values[k]);
                for (var i = 0; i < n; i++) logits[chain][i] += LogitIncrement(replaced[k][i] ? delta : -delta);
                steps[chain]++;
                scores[k] = Softmax(logits[chain]);
            }

            var stops = stopping.Test(scores);
            for (var k = 0; k < running.Length; k++) stopped[running[k]] |= stops[k];
            run.ReportProgress(step + 1, options.MaxSteps, "steps", totalIsBound: true);
        }

        var stoppedCount = stopped.Count(s => s);
        var averaged = Enumerable.Range(0, chains).Where(c => stopped[c] || stoppedCount == 0).ToArray();
        var mean = new double[n];
        foreach (var chain in averaged)
        {
            var s = Softmax(logits[chain]);
            for (var i = 0; i < n; i++) mean[i] += s[i] / averaged.Length;
        }

        run.Diagnose("steps_mean", steps.Average());
        run.Diagnose("chains_stopped", stoppedCount);
        run.Diagnose("no_chain_stopped", stoppedCount == 0 ? 1 : 0);
        run.Diagnose("objective_input", original);
        run.Diagnose("masked_lm_forward_passes", (replacer as MaskedLmReplacer)?.ForwardPasses ?? 0);
        run.Diagnose("masked_lm_fallbacks", (replacer as MaskedLmReplacer)?.Fallbacks ?? 0);
        return run.Finish(mean.Select(v => (float)v).ToArray());
    }

    /// <summary>logit((d + 1) / 2), the argument clamped into [1e-7, 1 - 1e-7].</summary>
    public static double LogitIncrement(double d)
    {
        var p = Math.Clamp((d + 1) / 2, HalfDeltaClamp, 1 - HalfDeltaClamp);
        return Math.Log(p / (1 - p));
    }

    private static double[] Softmax(double[] logits)
    {
        var top = logits.Max();
        var exp = logits.Select(l => Math.Exp(l - top)).ToArray();
        var total = exp.Sum();
        return exp.Select(e => e / total).ToArray();
    }
}
