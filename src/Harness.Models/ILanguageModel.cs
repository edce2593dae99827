using Harness.Torch;

namespace Harness.Models;

/// <summary>A causal language model the harness can run: what attributors and metrics see.</summary>
public interface ILanguageModel : IDisposable
{
    /// <summary>config.json's model_type, e.g. "gpt2".</summary>
    string ModelType { get; }

    /// <summary>Rows of the output logits: the vocabulary size.</summary>
    long VocabSize { get; }

    /// <summary>Where the parameters live, as loaded: every input tensor is made here. Read from the
    /// weights, never found by running the model (an id tensor made elsewhere would fail on CUDA).</summary>
    Device Device { get; }

    /// <summary>The dtype of the floating-point parameters as loaded (that of <see cref="Embed"/>'s output).</summary>
    ScalarType DType { get; }

    /// <summary>Token embeddings [B, T] -> [B, T, D], for methods that perturb or differentiate
    /// input embeddings (position embeddings, where the architecture has them, are added inside).</summary>
    Tensor Embed(Tensor ids);

    /// <summary>The absolute position embeddings [T, D] that Forward adds to the token embeddings at positions
    /// 0..T-1 of an uncached sequence (GPT-2's wpe, OPT's learned positions); null where positions act inside
    /// attention (rotary: Llama, GPT-J, ...). ReAGent's signed gradient multiplies by token + position embeddings.</summary>
    Tensor? PositionEmbeddings(long length) => PositionEmbeddings(torch.arange(length, device: Device));

    /// <summary>The absolute position embeddings [T, D] of the given positions [T] (on the CPU or the model's device), as
    /// Forward would add them there; null where the architecture has none.</summary>
    Tensor? PositionEmbeddings(Tensor positions) => null;

    /// <summary>The most positions the model can embed, where it has learned absolute positions (longer inputs throw
    /// <see cref="ContextLengthException"/> before the forward pass); null where positions are rotary and unbounded.</summary>
    long? MaxPositions => null;

    /// <summary>Layers, hidden size, heads and vocabulary, for planning how many sequences fit one pass; null where
    /// unknown (callers then keep their configured batch size).</summary>
    ModelDimensions? Dimensions => null;

    /// <summary>An empty cache for incremental decoding with this model.</summary>
    KvCache NewCache();

    /// <summary>One forward pass: logits (at the positions <paramref name="options"/> asks for) and what it asks to capture.</summary>
    ModelOutput Forward(ModelInput input, ForwardOptions? options = null);
}
