using Harness.Attribution.Methods;

namespace Harness.Attribution;

/// <summary>What some attributors need beyond a request and their options, handed over by whoever
/// loaded it (the runner, the command line, a test): attributors never load models or files
/// themselves (DESIGN.md, data flow). An attributor whose resource is missing is still created and
/// fails on its first Attribute call with a message naming what it needs.</summary>
public sealed record AttributorResources
{
    /// <summary>No resources: every attributor that needs none works with this.</summary>
    public static readonly AttributorResources None = new();

    /// <summary>AT2's trained estimator (at2 fails without one, saying how to train it).</summary>
    public Methods.At2Estimator? At2Estimator { get; init; }

    /// <summary>The masked LM of ReAGent's `mlm` replacer, with its tokenizer and the attributed
    /// model's (the replacer maps between them through text spans).</summary>
    public MaskedLmReplacerModel? MaskedLm { get; init; }

    /// <summary>The part-of-speech tags of the attributed model's vocabulary for ReAGent's `pos` replacer, made on
    /// first use (tagging a vocabulary takes seconds; the map is cached beside the model, <see cref="PosTagMap"/>).</summary>
    public Lazy<PosTagMap>? PosTags { get; init; }

    /// <summary>The attributed model's eos_token_id (config.json, the first of a list), for the embedding baseline
    /// `eos` of integrated_gradients and gradient_shap (Inseq's baseline on models whose unk token is their eos).</summary>
    public long? EosTokenId { get; init; }
}
