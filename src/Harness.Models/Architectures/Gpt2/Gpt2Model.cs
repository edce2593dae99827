using Harness.Models.Layers;
using Harness.Models.Loading;
using Harness.Torch;
using Harness.Torch.NN;

namespace Harness.Models.Architectures.Gpt2;

/// <summary>GPT-2 with its language-model head (GPT2LMHeadModel; Radford et al. 2019): token and
/// learned absolute position embeddings, pre-LN blocks, final LayerNorm, head tied to the token
/// embeddings unless the config unties it.</summary>
public sealed class Gpt2Model : Module, ILanguageModel
{
    private readonly Gpt2Config config;
    private readonly Embedding tokens;
    private readonly Embedding positions;
    private readonly Gpt2Block[] blocks;
    private readonly LayerNorm finalNorm;
    private readonly Tensor head;

    /// <summary>GPT-2 with <paramref name="config"/>, its tensors taken from <paramref name="source"/> under <paramref name="prefix"/>
    /// (checked for count and shape as they are taken).</summary>
    public Gpt2Model(IWeightSource source, Gpt2Config config, string prefix = "transformer.")
    {
        this.config = config;
        tokens = RegisterModule("transformer.wte", new Embedding(source, prefix + "wte", config.VocabSize, config.Hidden));
        (Device, DType) = (tokens.Weight.device, tokens.Weight.dtype);
        positions = RegisterModule("transformer.wpe", new Embedding(source, prefix + "wpe", config.MaxPositions, config.Hidden));
        blocks = new Gpt2Block[config.Layers];
        for (var i = 0; i < config.Layers; i++)
            blocks[i] = RegisterModule($"transformer.h.{i}", new Gpt2Block(source, $"{prefix}h.{i}", config, i));
        finalNorm = RegisterModule("transformer.ln_f", new LayerNorm(source, prefix + "ln_f", config.Hidden, config.LayerNormEps));
        head = config.TieWordEmbeddings || !source.Has("lm_head.weight")
            ? tokens.Weight
            : RegisterParameter("lm_head.weight", source.Take("lm_head.weight", [config.VocabSize, config.Hidden], WeightInit.Normal));
    }

    /// <summary>The configuration the model was built with.</summary>
    public Gpt2Config Config => config;

    /// <inheritdoc/>
    public string ModelType => "gpt2";

    /// <inheritdoc/>
    public long VocabSize => config.VocabSize;

    /// <inheritdoc/>
    public ModelDimensions Dimensions => new(config.Layers, config.Hidden, config.Heads, config.VocabSize);

    /// <summary>The token embedding's device, as loaded.</summary>
    public Device Device { get; }

    /// <summary>The token embedding's dtype, as loaded.</summary>
    public ScalarType DType { get; }

    /// <summary>The token embedding matrix [V, D] (for attributions on input embeddings).</summary>
    public Tensor TokenEmbeddings => tokens.Weight;

    /// <summary>Token embeddings of <paramref name="ids"/> [B, T] -> [B, T, D]; position embeddings
    /// are added inside <see cref="Forward"/>, as in transformers.</summary>
    public Tensor Embed(Tensor ids) => tokens.Forward(ids);

    /// <summary>wpe at the given positions [T, D].</summary>
    public Tensor? PositionEmbeddings(Tensor length) => positions.Forward(length.to(Device));

    /// <inheritdoc/>
    public long? MaxPositions => config.MaxPositions;

    /// <inheritdoc/>
    public KvCache NewCache() => new(config.Layers);

    /// <inheritdoc/>
    public ModelOutput Forward(ModelInput input, ForwardOptions? options = null)
    {
        options ??= ForwardOptions.Default;
        var (b, t) = input.Shape();
        var embeds = input.InputsEmbeds ?? tokens.Forward(input.InputIds!);        // [B, T, D]
        var past = input.Cache?.Length ?? 0;
        LearnedPositions.EnsureWithin(input, past, t, config.MaxPositions, "n_positions");
        var positionIds = input.PositionIds ?? torch.arange(past, past + t, device: embeds.device).unsqueeze(0).expand(b, t); // [B, T]
        var x = embeds.add(positions.Forward(positionIds));                         // [B, T, D]
        var mask = AttentionMask.Causal(b, t, past + t, input.AttentionMask, x.dtype, x.device); // [B, 1, T, S]

        var hidden = options.OutputHiddenStates ? new List<Tensor>() : null;
        var attentions = options.OutputAttentions ? new List<Tensor>() : null;
        foreach (var block in blocks)
        {
            hidden?.Add(x);
            (x, var probabilities) = block.Forward(x, mask, input.Cache, options.Capture);
            attentions?.Add(probabilities);
        }

        x = finalNorm.Forward(x);
        hidden?.Add(x);
        x = options.AtOutputPositions(x);                                           // [B, T or n, D]
        var logits = x.matmul(head.t());                                            // [B, T or n, V]
        return new ModelOutput(logits, attentions, hidden);
    }

    /// <summary>The registry's loader: the Hub's gpt2 files name tensors without "transformer.".</summary>
    public static ILanguageModel Load(ArchitectureLoadContext context)
    {
        var config = context.Config<Gpt2Config>();
        var prefix = context.Weights.Has("transformer.wte.weight") ? "transformer." : "";
        return context.Build(() => new Gpt2Model(context.Weights, config, prefix), IsIgnorableBuffer);
    }

    /// <summary>Checkpoint tensors GPT-2 files may carry that are buffers, not parameters.</summary>
    public static bool IsIgnorableBuffer(string name) => name.EndsWith(".attn.bias", StringComparison.Ordinal) || name.EndsWith(".attn.masked_bias", StringComparison.Ordinal);
}
