using Harness.Models.Layers;
using Harness.Models.Loading;
using Harness.Torch;
using Harness.Torch.NN;

namespace Harness.Models.Architectures.Llama;

/// <summary>Llama with its language-model head (LlamaForCausalLM; Touvron et al. 2023), which also
/// runs Mistral (Jiang et al. 2023: sliding-window attention) and Qwen2 (q/k/v biases): token
/// embeddings, rotary positions, pre-RMSNorm decoder layers with grouped-query attention and SwiGLU,
/// final RMSNorm, a head untied from the embeddings unless tie_word_embeddings says so.</summary>
internal sealed class LlamaModel : Module, ILanguageModel
{
    private readonly LlamaConfig config;
    private readonly Embedding tokens;
    private readonly RotaryEmbedding rotary;
    private readonly LlamaBlock[] blocks;
    private readonly RmsNorm finalNorm;
    private readonly Tensor head;

    public LlamaModel(IWeightSource source, LlamaConfig config)
    {
        this.config = config;
        tokens = RegisterModule("model.embed_tokens", new Embedding(source, "model.embed_tokens", config.VocabSize, config.Hidden));
        (Device, DType) = (tokens.Weight.device, tokens.Weight.dtype);
        rotary = new RotaryEmbedding(config.Rope);
        blocks = new LlamaBlock[config.Layers];
        for (var i = 0; i < config.Layers; i++)
            blocks[i] = RegisterModule($"model.layers.{i}", new LlamaBlock(source, $"model.layers.{i}", config, i));
        finalNorm = RegisterModule("model.norm", new RmsNorm(source, "model.norm", config.Hidden, config.RmsNormEps));
        head = config.TieWordEmbeddings
            ? tokens.Weight
            : RegisterParameter("lm_head.weight", source.Take("lm_head.weight", [config.VocabSize, config.Hidden], WeightInit.Normal));
    }

    public LlamaConfig Config => config;

    public string ModelType => config.ModelType;

    public long VocabSize => config.VocabSize;

    public ModelDimensions Dimensions => new(config.Layers, config.Hidden, config.Heads, config.VocabSize);

    /// <summary>The token embedding's device, as loaded.</summary>
    public Device Device { get; }

    /// <summary>The token embedding's dtype, as loaded.</summary>
    public ScalarType DType { get; }

    /// <summary>The token embedding matrix [V, D] (for attributions on input embeddings).</summary>
    public Tensor TokenEmbeddings => tokens.Weight;

    /// <summary>Token embeddings of <paramref name="ids"/> [B, T] -> [B, T, D]; positions enter
    /// inside <see cref="Forward"/>, as rotations of queries and keys.</summary>
    public Tensor Embed(Tensor ids) => tokens.Forward(ids);

    public KvCache NewCache() => new(config.Layers);

    public ModelOutput Forward(ModelInput input, ForwardOptions? options = null)
    {
        options ??= ForwardOptions.Default;
        var (b, t) = input.Shape();
        var x = input.InputsEmbeds ?? tokens.Forward(input.InputIds!);                    // [B, T, D]
        var past = input.Cache?.Length ?? 0;
        // Source: LlamaModel.forward: position_ids default to cache_position, past..past+T-1.
        var positionIds = input.PositionIds ?? torch.arange(past, past + t, device: x.device).unsqueeze(0).expand(b, t); // [B, T]
        var (cos, sin) = rotary.Forward(positionIds, x.dtype);                             // [B, T, Dh] each
        var fullMask = AttentionMask.Causal(b, t, past + t, input.AttentionMask, x.dtype, x.device); // [B, 1, T, S]
        Tensor? windowMask = null;                                                         // [B, 1, T, S], once a layer needs it

        var hidden = options.OutputHiddenStates ? new List<Tensor>() : null;
        var attentions = options.OutputAttentions ? new List<Tensor>() : null;
        for (var i = 0; i < blocks.Length; i++)
        {
            hidden?.Add(x);
            var mask = config.SlidingWindowOf(i) is { } window
                ? windowMask ??= AttentionMask.Causal(b, t, past + t, input.AttentionMask, x.dtype, x.device, window)
                : fullMask;
            (x, var probabilities) = blocks[i].Forward(x, mask, cos, sin, input.Cache, options.Capture);
            attentions?.Add(probabilities);
        }

        x = finalNorm.Forward(x);
        hidden?.Add(x);
        // Source: LlamaForCausalLM.forward (Mistral's, Qwen2's alike) in transformers 4.45.1: lm_head(hidden).float(), so a float64 or
        // half-precision model gives float32 logits (the reference fixtures' float64 runs see these).
        x = options.AtOutputPositions(x);                                           // [B, T or n, D]
        var logits = x.matmul(head.t()).to(ScalarType.Float32);                            // [B, T or n, V]
        return new ModelOutput(logits, attentions, hidden);
    }

    /// <summary>The registry's loader for model_type llama, mistral and qwen2.</summary>
    public static ILanguageModel Load(ArchitectureLoadContext context)
    {
        var config = LlamaConfig.Read(context);
        return context.Build(() => new LlamaModel(context.Weights, config), name => IsIgnorable(name, config));
    }

    /// <summary>Checkpoint tensors that are not parameters: rotary inverse-frequency buffers older
    /// Llama files carry, and a head that tie_word_embeddings replaces by the embeddings.</summary>
    public static bool IsIgnorable(string name, LlamaConfig config) =>
        name.EndsWith(".rotary_emb.inv_freq", StringComparison.Ordinal) || (config.TieWordEmbeddings && name == "lm_head.weight");
}
