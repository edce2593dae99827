using Harness.Torch;

namespace Harness.Models;

/// <summary>A masked (bidirectional) language model: every position sees the whole sequence, and the
/// logits at a position holding the mask token rank replacements for it (ReAGent's token proposals).
/// It keeps no KV cache.</summary>
public interface IMaskedLanguageModel : IDisposable
{
    /// <summary>config.json's model_type, e.g. "roberta".</summary>
    string ModelType { get; }

    /// <summary>Rows of the output logits: the vocabulary size.</summary>
    long VocabSize { get; }

    /// <summary>Where the parameters live, as loaded: every input tensor is made here.</summary>
    Device Device { get; }

    /// <summary>The dtype of the floating-point parameters as loaded.</summary>
    ScalarType DType { get; }

    /// <summary>config.json's mask_token_id when it has one; otherwise null (the tokenizer knows it).</summary>
    long? MaskTokenId { get; }

    /// <summary>Logits [B, T, V] at every position; the input's cache must be null.</summary>
    ModelOutput Forward(ModelInput input, ForwardOptions? options = null);
}
