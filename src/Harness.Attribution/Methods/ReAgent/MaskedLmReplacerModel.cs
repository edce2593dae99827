using Harness.Attribution.Core;
using Harness.Models;
using Harness.Models.Tokenization;

namespace Harness.Attribution.Methods;

/// <summary>What ReAGent's `mlm` replacer needs, loaded by its caller: the masked LM (e.g. RoBERTa),
/// the masked LM's tokenizer, and the tokenizer of the attributed model, which turns the masked LM's
/// proposals back into the attributed model's token ids. The caller owns and disposes the model.</summary>
public sealed record MaskedLmReplacerModel(IMaskedLanguageModel Model, Tokenizer Tokenizer, Tokenizer LanguageModelTokenizer)
{
    /// <summary>The masked LM's mask token: config.json's mask_token_id, else the tokenizer's
    /// "&lt;mask&gt;" (RoBERTa's), else "[MASK]" (BERT's).</summary>
    public long MaskTokenId =>
        Model.MaskTokenId
        ?? Tokenizer.TokenToId("<mask>")
        ?? Tokenizer.TokenToId("[MASK]")
        ?? throw new AttributionException("the masked LM has no mask token: config.json has no mask_token_id and its tokenizer no <mask> or [MASK]");
}
