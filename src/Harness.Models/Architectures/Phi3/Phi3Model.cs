using Harness.Models.Layers;
using Harness.Models.Loading;
using Harness.Torch;
using Harness.Torch.NN;

namespace Harness.Models.Architectures.Phi3;

/// <summary>Phi-3 with its language-model head (Phi3ForCausalLM; Abdin et al. 2024, arXiv:2404.14219):
/// Llama's layout with fused q/k/v and gate/up projections, rotary positions with optional LongRoPE,
/// an optional sliding window, final RMSNorm, a head untied from the embeddings unless
/// tie_word_embeddings says so.</summary>
internal sealed class Phi3Model : Module, ILanguageModel
{
    private readonly Phi3Config config;
    private readonly Embedding tokens;
    private readonly RotaryEmbedding rotary;
    private readonly Phi3Block[] blocks;
    private readonly RmsNorm finalNorm;
    private readonly Tensor head;

    public Phi3Model(IWeightSource source, Phi3Config config)
    {
        this.config = config;
        tokens = RegisterModule("model.embed_tokens", new Embedding(source, "model.embed_tokens", config.VocabSize, config.Hidden));
        (Device, DType) = (tokens.Weight.device, tokens.Weight.dtype);
        rotary = new RotaryEmbedding(config.Rope);
        blocks = new Phi3Block[config.Layers];
        for (var i = 0; i < config.Layers; i++)
            blocks[i] = RegisterModule($"model.layers.{i}", new Phi3Block(source, $"model.layers.{i}", config, i));
        finalNorm = RegisterModule("model.norm", new RmsNorm(source, "model.norm", config.Hidden, config.RmsNormEps));
        head = config.TieWordEmbeddings
            ? tokens.Weight
            : RegisterParameter("lm_head.weight", source.Take("lm_head.weight", [config.VocabSize, config.Hidden], WeightInit.Normal));
    }

    public Phi3Config Config => config;

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
        // Source: Phi3Model.forward: position_ids default to cache_position, past..past+T-1.
        var positionIds = input.PositionIds ?? torch.arange(past, past + t, device: x.device).unsqueeze(0).expand(b, t); // [B, T]
        var (cos, sin) = rotary.Forward(positionIds, x.dtype);                             // [B, T, Dh] each
        var mask = AttentionMask.Causal(b, t, past + t, input.AttentionMask, x.dtype, x.device, config.SlidingWindow); // [B, 1, T, S]

        var hidden = options.OutputHiddenStates ? new List<Tensor>() : null;
        var attentions = options.OutputAttentions ? new List<Tensor>() : null;
        foreach (var block in blocks)
        {
            hidden?.Add(x);
            (x, var probabilities) = block.Forward(x, mask, cos, sin, input.Cache, options.Capture);
            attentions?.Add(probabilities);
        }

        x = finalNorm.Forward(x);
        hidden?.Add(x);
        // Source: Phi3ForCausalLM.forward in transformers 4.45.1: lm_head(hidden).float(), so a float64 or
        // half-precision model gives float32 logits (the reference fixtures' float64 runs see these).
        x = options.AtOutputPositions(x);                                           // [B, T or n, D]
        var logits = x.matmul(head.t()).to(ScalarType.Float32);                            // [B, T or n, V]
        return new ModelOutput(logits, attentions, hidden);
    }

    /// <summary>The registry's loader for model_type phi3.</summary>
    public static ILanguageModel Load(ArchitectureLoadContext context)
    {
        var config = context.Config<Phi3Config>();
        return context.Build(() => new Phi3Model(context.Weights, config), name => IsIgnorable(name, config));
    }

    /// <summary>Checkpoint tensors that are not parameters: a head that tie_word_embeddings replaces
    /// by the embeddings.</summary>
    public static bool IsIgnorable(string name, Phi3Config config) => config.TieWordEmbeddings && name == "lm_head.weight";
}
