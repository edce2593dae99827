using Harness.Models.Layers;
using Harness.Models.Loading;
using Harness.Torch;
using Harness.Torch.NN;
using F = Harness.Torch.torch.nn.functional;

namespace Harness.Models.Architectures.GptJ;

/// <summary>GPT-J with its language-model head (GPTJForCausalLM; Wang &amp; Komatsuzaki 2021): token
/// embeddings only (positions enter through rotary embeddings inside attention), parallel
/// attention + MLP blocks, final LayerNorm, a head with a bias (untied in every released checkpoint).</summary>
internal sealed class GptJModel : Module, ILanguageModel
{
    private readonly GptJConfig config;
    private readonly Embedding tokens;
    private readonly GptJBlock[] blocks;
    private readonly LayerNorm finalNorm;
    private readonly Tensor head;
    private readonly Tensor headBias;

    public GptJModel(IWeightSource source, GptJConfig config)
    {
        if (config.RotarySize > config.HeadDim || config.RotarySize % 2 != 0)
            throw new NotSupportedException($"GPT-J rotary_dim {config.RotarySize} must be even and at most head_dim {config.HeadDim}");
        this.config = config;
        tokens = RegisterModule("transformer.wte", new Embedding(source, "transformer.wte", config.VocabSize, config.Hidden));
        (Device, DType) = (tokens.Weight.device, tokens.Weight.dtype);
        blocks = new GptJBlock[config.Layers];
        for (var i = 0; i < config.Layers; i++)
            blocks[i] = RegisterModule($"transformer.h.{i}", new GptJBlock(source, $"transformer.h.{i}", config, i));
        finalNorm = RegisterModule("transformer.ln_f", new LayerNorm(source, "transformer.ln_f", config.Hidden, config.LayerNormEps));
        head = config.TieWordEmbeddings
            ? tokens.Weight
            : RegisterParameter("lm_head.weight", source.Take("lm_head.weight", [config.VocabSize, config.Hidden], WeightInit.Normal));
        headBias = RegisterParameter("lm_head.bias", source.Take("lm_head.bias", [config.VocabSize], WeightInit.Zeros));
    }

    public GptJConfig Config => config;

    public string ModelType => "gptj";

    public long VocabSize => config.VocabSize;

    public ModelDimensions Dimensions => new(config.Layers, config.Hidden, config.Heads, config.VocabSize);

    /// <summary>The token embedding's device, as loaded.</summary>
    public Device Device { get; }

    /// <summary>The token embedding's dtype, as loaded.</summary>
    public ScalarType DType { get; }

    /// <summary>The token embedding matrix [V, D].</summary>
    public Tensor TokenEmbeddings => tokens.Weight;

    /// <summary>Token embeddings of <paramref name="ids"/> [B, T] -> [B, T, D]; they are the model's
    /// whole input (GPT-J adds no position embeddings).</summary>
    public Tensor Embed(Tensor ids) => tokens.Forward(ids);

    public KvCache NewCache() => new(config.Layers);

    public ModelOutput Forward(ModelInput input, ForwardOptions? options = null)
    {
        options ??= ForwardOptions.Default;
        var (b, t) = input.Shape();
        var x = input.InputsEmbeds ?? tokens.Forward(input.InputIds!);             // [B, T, D]
        var past = input.Cache?.Length ?? 0;
        // Source: GPTJModel.forward: position_ids default to cache_position, past..past+T-1.
        var positionIds = input.PositionIds ?? torch.arange(past, past + t, device: x.device).unsqueeze(0).expand(b, t); // [B, T]
        var (sin, cos) = GptJRotary.Angles(positionIds, config.RotarySize);        // [B, 1, T, R] each
        var mask = AttentionMask.Causal(b, t, past + t, input.AttentionMask, x.dtype, x.device); // [B, 1, T, S]

        var hidden = options.OutputHiddenStates ? new List<Tensor>() : null;
        var attentions = options.OutputAttentions ? new List<Tensor>() : null;
        foreach (var block in blocks)
        {
            hidden?.Add(x);
            (x, var probabilities) = block.Forward(x, sin, cos, mask, input.Cache, options.Capture);
            attentions?.Add(probabilities);
        }

        x = finalNorm.Forward(x);
        hidden?.Add(x);
        // Source: GPTJForCausalLM.forward: lm_head(hidden).to(float32).
        x = options.AtOutputPositions(x);                                           // [B, T or n, D]
        var logits = F.linear(x, head, headBias).to(ScalarType.Float32);           // [B, T or n, V]
        return new ModelOutput(logits, attentions, hidden);
    }

    /// <summary>The registry's loader.</summary>
    public static ILanguageModel Load(ArchitectureLoadContext context)
    {
        var config = context.Config<GptJConfig>();
        // A tied checkpoint may still hold lm_head.weight, a copy of transformer.wte.weight.
        return context.Build(() => new GptJModel(context.Weights, config),
            name => IsIgnorableBuffer(name) || (config.TieWordEmbeddings && name == "lm_head.weight"));
    }

    /// <summary>Checkpoint tensors older GPT-J files carry that are buffers, not parameters (the causal
    /// mask and its fill value).</summary>
    public static bool IsIgnorableBuffer(string name) => name.EndsWith(".attn.bias", StringComparison.Ordinal) || name.EndsWith(".attn.masked_bias", StringComparison.Ordinal);
}
