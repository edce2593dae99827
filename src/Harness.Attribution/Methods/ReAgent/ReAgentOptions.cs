using Harness.Attribution.Core;

namespace Harness.Attribution.Methods;

/// <summary>Options of <see cref="ReAgent"/>. Defaults: the ReAGent code's token-level runs,
/// config/top3_replace0.1_max5000_batch5.json (rational size 8, 5 chains, replacing ratio 0.1, 5000 steps, POS-tag
/// replacer, top-k tolerance 3; spec/attributors.md "ReAGent"). Its sequence-level script
/// (src/sequence_rationalization.py) uses rational size 3, 3 chains, ratio 0.1, 3000 steps, POS tags, top-k 3.
/// Inseq's Reagent differs: keep_top_n 5, replacing_ratio 0.3, max_probe_steps 3000, num_probes 16, top-k 3
/// (inseq/attr/feat/perturbation_attribution.py:141-147).</summary>
public sealed record ReAgentOptions
{
    /// <summary>Most update steps a chain takes before it is given up as not stopped.</summary>
    public int MaxSteps { get; init; } = 5000;

    /// <summary>Probability that a source is in a step's replacement set R, in (0, 1].</summary>
    public double ReplaceRatio { get; init; } = 0.1;

    /// <summary>Sources kept (the top scores) in the stopping test; every other one is replaced.</summary>
    public int KeepTopN { get; init; } = 8;

    /// <summary>A chain stops when the target is among the model's top k predictions in the stopping test.</summary>
    public int StopTopK { get; init; } = 3;

    /// <summary>Independent chains, run batched together; the scores average the chains that stopped.</summary>
    public int Chains { get; init; } = 5;

    /// <summary>How a replaced token is chosen.</summary>
    // Source: the ReAGent code's configs ("replacing": {"type": "postag"}); the paper also describes RoBERTa proposals (`mlm`).
    public ReAgentReplacer Replacer { get; init; } = ReAgentReplacer.Pos;

    /// <summary>The `mlm` replacer samples among this many of the masked LM's top predictions.</summary>
    // Source: transformers' fill-mask pipeline default top_k = 5 (the paper gives no k).
    public int MlmTopK { get; init; } = 5;

    /// <summary>Fails naming the option, its value and the valid range, for the ranges that need no model (checked when
    /// the method is made, so `harness validate` reports them).</summary>
    public ReAgentOptions Checked()
    {
        if (MaxSteps < 1) throw Bad("max_steps", MaxSteps, "at least 1");
        if (!(ReplaceRatio > 0 && ReplaceRatio <= 1)) throw Bad("replace_ratio", ReplaceRatio, "in (0, 1]");
        if (KeepTopN < 0) throw Bad("keep_top_n", KeepTopN, "at least 0");
        if (StopTopK < 1) throw Bad("stop_top_k", StopTopK, "at least 1");
        if (Chains < 1) throw Bad("chains", Chains, "at least 1");
        if (MlmTopK < 1) throw Bad("mlm_top_k", MlmTopK, "at least 1");
        return this;
    }

    /// <summary>Fails when stop_top_k exceeds the model's vocabulary.</summary>
    public void Validate(long vocabSize)
    {
        if (StopTopK > vocabSize) throw Bad("stop_top_k", StopTopK, $"in [1, {vocabSize}] (the vocabulary)");
    }

    private static AttributionException Bad(string key, double value, string valid) =>
        new($"reagent option {key}={value}: expected {valid}");
}
