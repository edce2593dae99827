using Harness.Torch;

namespace Harness.Models;

/// <summary>A causal language model the harness can run: what attributors and metrics see.</summary>
public interface ILanguageModel : IDisposable
{
    /// <summary>config.json's model_type, e.g. "gpt2".</summary>
    string ModelType { get; }

    long VocabSize { get; }

    /// <summary>Token embeddings [B, T] -> [B, T, D], for methods that perturb or differentiate
    /// input embeddings (position embeddings, where the architecture has them, are added inside).</summary>
    Tensor Embed(Tensor ids);

    /// <summary>An empty cache for incremental decoding with this model.</summary>
    KvCache NewCache();

    ModelOutput Forward(ModelInput input, ForwardOptions? options = null);
}
