using Harness.Attribution.Core;
using Harness.Scoring;

namespace Harness.Attribution.Methods;

/// <summary>
/// The chains of one ReAGent attribution inside a pack (<see cref="ReAgent.AttributeMany"/>): per chain its logits over
/// the sources, its own sampler (<see cref="ReAgent.ChainSeed"/>), steps taken and whether it stopped. This
/// attribution's pass k holds, per running chain, the stopping test of step k - 1 and the update of step k (k = 1 also
/// f(x); the last pass only tests): the update's replacement set does not depend on the test, so both ride in one
/// pass, and a chain the test stops discards the update drawn with it. A chain draws in the order of the one-chain
/// algorithm (the test's replacements, then R, then R's replacements) from a sampler nothing else touches, so packing
/// changes no draw. A stopped chain adds no rows: the pack gives them to attributions waiting for room.
/// </summary>
internal sealed class ReAgentChains : IDisposable
{
    private readonly ReAgentOptions options;
    private readonly ITokenReplacer replacer;
    private readonly TopKStoppingCondition stopping;
    private readonly CoalitionSampler[] samplers;
    private readonly double[][] logits;
    private readonly int[] steps;
    private readonly bool[] stopped;
    private int discardedUpdates;
    private bool[][] replaced = [];
    private (int Original, int[] Tests, int[] Updates) slots;

    public ReAgentChains(AttributionRun run, ReAgentOptions options, ITokenReplacer replacer)
    {
        Run = run;
        this.options = options;
        this.replacer = replacer;
        stopping = new TopKStoppingCondition(run, options.KeepTopN, options.StopTopK);
        var chains = options.Chains;
        samplers = Enumerable.Range(0, chains).Select(c => new CoalitionSampler(ReAgent.ChainSeed(run.Request.Seed, c))).ToArray();
        logits = samplers.Select(s => s.Uniform(run.Sources.Count)).ToArray();
        steps = new int[chains];
        stopped = new bool[chains];
    }

    public AttributionRun Run { get; }

    /// <summary>f(x), read from the first pass.</summary>
    public double Original { get; private set; }

    /// <summary>Every chain stopped, or the last pass (tests only) is done.</summary>
    public bool Done { get; private set; }

    /// <summary>This attribution's passes read so far.</summary>
    public int Passes { get; private set; }

    /// <summary>The most rows any later pass of this attribution can hold: a test and an update per running chain
    /// (the first pass's f(x) and updates, 1 + chains, are no more than that for one chain or more).</summary>
    public int RowsAtMost => 2 * stopped.Count(s => !s);

    /// <summary>Appends this attribution's rows of its next pass to <paramref name="rows"/>.</summary>
    public void AddRows(List<PackedRow> rows)
    {
        var pass = Passes + 1;
        var chains = samplers.Length;
        var context = Run.Request.ContextIds;
        var target = Run.Request.Target.Ids;
        int Add(IReadOnlyList<long> ids)
        {
            rows.Add(new PackedRow(ids, target, Run.Meter, Objective.Prob));
            return rows.Count - 1;
        }

        var original = pass == 1 ? Add(context) : -1;
        var running = Enumerable.Range(0, chains).Where(c => !stopped[c]).ToArray();
        var tests = new int[chains];
        if (pass > 1)
        {
            // Step 4 of step pass - 1: the test's inputs, drawn before the next step's R (the one-chain order).
            var inputs = replacer.Replace(running.Select(c => stopping.KeepMask(Softmax(logits[c]))).ToList(), running.Select(c => samplers[c]).ToList());
            for (var i = 0; i < running.Length; i++) tests[running[i]] = Add(inputs[i]);
        }

        var updates = new int[chains];
        if (pass <= options.MaxSteps)
        {
            // Steps 1-2: a replacement set R per chain (per source), its tokens replaced.
            replaced = new bool[chains][];
            foreach (var c in running) replaced[c] = samplers[c].Uniform(Run.Sources.Count).Select(u => u < options.ReplaceRatio).ToArray();
            var probes = replacer.Replace(running.Select(c => Run.ContextKeepMask(replaced[c].Select(r => !r).ToArray())).ToList(), running.Select(c => samplers[c]).ToList());
            for (var i = 0; i < running.Length; i++) updates[running[i]] = Add(probes[i]);
        }

        slots = (original, tests, updates);
    }

    /// <summary>Reads this attribution's rows of the pass <see cref="AddRows"/> last added: the tests stop chains, the
    /// others take the update (step 3). True when some chain took an update step.</summary>
    public bool Apply(double[] values, int[] ranks)
    {
        var pass = ++Passes;
        if (pass == 1) Original = values[slots.Original];
        var updated = false;
        for (var c = 0; c < samplers.Length; c++)
        {
            if (stopped[c]) continue;
            if (pass > 1 && stopping.Stops(ranks[slots.Tests[c]]))
            {
                stopped[c] = true;
                if (pass <= options.MaxSteps) discardedUpdates++;
                continue;
            }

            if (pass > options.MaxSteps) continue;
            var delta = Original - values[slots.Updates[c]];
            for (var i = 0; i < logits[c].Length; i++) logits[c][i] += ReAgent.LogitIncrement(replaced[c][i] ? delta : -delta);
            steps[c]++;
            updated = true;
        }

        Done = stopped.All(s => s) || pass > options.MaxSteps;
        return updated;
    }

    /// <summary>The scores: s = softmax(l) averaged over the chains that stopped, or over all, flagged, when none did.</summary>
    public AttributionResult Finish()
    {
        var n = Run.Sources.Count;
        var stoppedCount = stopped.Count(s => s);
        var averaged = Enumerable.Range(0, samplers.Length).Where(c => stopped[c] || stoppedCount == 0).ToArray();
        var mean = new double[n];
        foreach (var chain in averaged)
        {
            var s = Softmax(logits[chain]);
            for (var i = 0; i < n; i++) mean[i] += s[i] / averaged.Length;
        }

        Run.Diagnose("steps_mean", steps.Average());
        Run.Diagnose("chains_stopped", stoppedCount);
        Run.Diagnose("no_chain_stopped", stoppedCount == 0 ? 1 : 0);
        Run.Diagnose("objective_input", Original);
        Run.Diagnose("discarded_updates", discardedUpdates);
        Run.Diagnose("masked_lm_forward_passes", (replacer as MaskedLmReplacer)?.ForwardPasses ?? 0);
        Run.Diagnose("masked_lm_fallbacks", (replacer as MaskedLmReplacer)?.Fallbacks ?? 0);
        return Run.Finish(mean.Select(v => (float)v).ToArray());
    }

    public static double[] Softmax(IReadOnlyList<double> logits)
    {
        var top = logits.Max();
        var exp = logits.Select(l => Math.Exp(l - top)).ToArray();
        var total = exp.Sum();
        return exp.Select(e => e / total).ToArray();
    }

    public void Dispose()
    {
        foreach (var sampler in samplers) sampler.Dispose();
    }
}
