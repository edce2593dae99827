using Harness.Attribution.Core;
using Harness.Scoring;

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
/// - Only region positions are replaced; a step whose R is empty still runs its pass (as Inseq does).
/// - Batching (issue 27, item 3): the running chains of the attributions of a pack (<see cref="AttributeMany"/>) advance
///   together, one forward pass per step holding each chain's stopping test of the previous step and its next update
///   (<see cref="ReAgentChains"/>). A stopped chain adds no rows, and attributions waiting in the pack take the room
///   (continuous batching): passes stay near the batch size while any wait, so the chains that stop late, which
///   alone set how many steps an attribution takes, no longer hold rows of chains that are done.
/// - Draws: each chain has its own generator seeded by <see cref="ChainSeed"/>(request seed, chain) and draws in the
///   one-chain order: its initial logits, then per step R, R's replacements (one draw per replaced token), the
///   stopping test's replacements. The scores do not depend on how chains or attributions are packed.
/// - Cost counts the attributed model only, every row run: f(x) and one update per chain in the first pass, a test
///   and an update per chain in each later one (the update of a chain the test stops is run and discarded), the
///   tests alone in a last pass after max_steps; the masked LM's sequences are the masked_lm_forward_passes
///   diagnostic. Attributions packed together share the pack's wall time equally.
/// Diagnostics: steps_mean (over all chains), chains_stopped, no_chain_stopped (1: the scores average
/// chains that never stopped), objective_input f(x), discarded_updates (updates run beside the test that stopped
/// their chain), masked_lm_forward_passes, masked_lm_fallbacks.
/// </summary>
public sealed class ReAgent(ReAgentOptions? options = null, MaskedLmReplacerModel? maskedLm = null, Lazy<PosTagMap>? posTags = null) : IPackedAttributor
{
    /// <summary>The spec's and YAML's name of ReAGent.</summary>
    public const string MethodName = "reagent";

    /// <summary>The registry's entry for this method.</summary>
    public static AttributorDescriptor Descriptor { get; } = new(MethodName, typeof(ReAgentOptions), (o, r) => new ReAgent((ReAgentOptions?)o, r.MaskedLm, r.PosTags))
    {
        Summary = "ReAGent (Zhao & Shan 2024): replace random tokens, credit those whose replacement lowers p(target); model-agnostic",
        // Its scores are already a softmax over the prompt (delta_prob.py), so the soft metrics take them as they are.
        ReagentTransform = ProtocolTransform.None,
        NeedsWithOptions = o => (o as ReAgentOptions ?? new ReAgentOptions()).Replacer == ReAgentReplacer.Mlm ? AttributorNeeds.MaskedLm : AttributorNeeds.None,
        // It stops early once the target is back in the top k: this is the bound.
        Passes = PassRule.For<ReAgentOptions>("at most 1 + 2 x chains x max_steps forward", "casszhao/ReAGent",
            (o, _) => new PassEstimate(1 + 2.0 * o.Chains * o.MaxSteps, 0)),
    };

    /// <summary>Bound on (d + 1) / 2 away from 0 and 1, keeping logit() finite.</summary>
    private const double HalfDeltaClamp = 1e-7;

    private readonly ReAgentOptions options = (options ?? new ReAgentOptions()).Checked();

    /// <inheritdoc />
    public string Name => MethodName;

    /// <inheritdoc />
    public AttributionResult Attribute(AttributionRequest request, CancellationToken cancellationToken = default) =>
        AttributeMany([request], cancellationToken)[0];

    /// <summary>Attributes several requests of one model together: each step of all running chains is one forward pass
    /// (halved only on out-of-memory) of at most the requests' batch size, or of one attribution's 2 x chains rows where
    /// the batch size is smaller; an attribution starts, in the requests' order, once the running ones leave room for
    /// all its chains. The results equal those of <see cref="Attribute"/> one request at a time, up to floating-point
    /// summation order.</summary>
    public IReadOnlyList<AttributionResult> AttributeMany(IReadOnlyList<AttributionRequest> requests, CancellationToken cancellationToken = default)
    {
        if (requests.Count == 0) return [];
        options.Validate(requests[0].Model.VocabSize);
        if (options.Replacer == ReAgentReplacer.Pos && posTags is null)
            throw new AttributionException("reagent's pos replacer needs the part-of-speech tags of the model's vocabulary (AttributorResources.PosTags, made from the model folder's tokenizer.json); none were given, or use replacer=uniform");
        if (options.Replacer == ReAgentReplacer.Mlm && maskedLm is null)
            throw new AttributionException("reagent's mlm replacer needs a masked LM (AttributorResources.MaskedLm; `harness attribute --mlm DIR`); none was given, or use replacer=uniform");

        // delta = p_o - p(y | x with R replaced): ReAGent's rationalizer scores the probability.
        using var pack = new AttributionPack(requests, r => r.WithObjective(Objective.Prob), cancellationToken);
        var packed = new List<ReAgentChains>();
        var rowsPerPass = Math.Max(requests[0].BatchSize, 2 * options.Chains);
        try
        {
            var waiting = new Queue<AttributionRun>(pack.Runs);
            var active = new List<ReAgentChains>();
            while (true)
            {
                // Admission: an attribution joins when all its chains fit beside the running ones' (one always runs).
                while (waiting.Count > 0 && (active.Count == 0 || active.Sum(a => a.RowsAtMost) + 2 * options.Chains <= rowsPerPass))
                {
                    var run = waiting.Dequeue();
                    var chains = new ReAgentChains(run, options, Replacer(run.Request));
                    packed.Add(chains);
                    active.Add(chains);
                }

                if (active.Count == 0) break;
                cancellationToken.ThrowIfCancellationRequested();
                var rows = new List<PackedRow>();
                foreach (var chains in active) chains.AddRows(rows);
                var (values, ranks) = PackedScorer.Score(pack.Model, rows, rows.Count, cancellationToken);
                foreach (var chains in active)
                    if (chains.Apply(values, ranks))
                        chains.Run.ReportProgress(chains.Passes, options.MaxSteps, "steps", totalIsBound: true);
                active.RemoveAll(a => a.Done);
            }

            return AttributionPack.ShareWallTime(packed.Select(p => p.Finish()).ToList());
        }
        finally
        {
            foreach (var chains in packed) chains.Dispose();
        }
    }

    /// <summary><see cref="WaitingPerRunning"/> times the attributions whose chains' rows (a test and an update each per
    /// pass) fill <paramref name="batchSize"/>: the others wait in the pack for the rows of stopped chains.</summary>
    public int AttributionsPerPack(int batchSize) => WaitingPerRunning * Math.Max(1, batchSize / (2 * options.Chains));

    /// <summary>Attributions a pack holds per one that fits at once. Chains stop at very different steps (at the paper's
    /// settings most within tens, some never before max_steps), so the room they leave is taken by the next ones;
    /// four keeps passes full for most of a pack, and the runner still hears stop requests and stores items between
    /// packs.</summary>
    public const int WaitingPerRunning = 4;

    /// <summary>The seed of chain <paramref name="chain"/>'s generator: SplitMix64 (Steele et al. 2014) of the request
    /// seed advanced by chain + 1 golden-ratio increments, so chains draw independent streams whatever runs beside them.</summary>
    public static ulong ChainSeed(ulong seed, int chain)
    {
        var z = seed + 0x9E3779B97F4A7C15UL * (ulong)(chain + 1);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>logit((d + 1) / 2), the argument clamped into [1e-7, 1 - 1e-7].</summary>
    public static double LogitIncrement(double d)
    {
        var p = Math.Clamp((d + 1) / 2, HalfDeltaClamp, 1 - HalfDeltaClamp);
        return Math.Log(p / (1 - p));
    }

    private ITokenReplacer Replacer(AttributionRequest request) => options.Replacer switch
    {
        ReAgentReplacer.Mlm => new MaskedLmReplacer(maskedLm!, request, options.MlmTopK),
        ReAgentReplacer.Pos => new PosReplacer(request.ContextIds, posTags!.Value),
        _ => new UniformReplacer(request.ContextIds, request.Model.VocabSize),
    };
}
