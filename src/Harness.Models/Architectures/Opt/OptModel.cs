using Harness.Models.Layers;
using Harness.Models.Loading;
using Harness.Torch;
using Harness.Torch.NN;
using F = Harness.Torch.torch.nn.functional;

namespace Harness.Models.Architectures.Opt;

/// <summary>OPT with its language-model head (OPTForCausalLM; Zhang et al. 2022): token embeddings
/// (optionally narrower than the model, with project_in / project_out), learned positions counted
/// from the attention mask with an offset of 2, pre- or post-LN blocks, final LayerNorm for pre-LN
/// models, head tied to the token embeddings unless the config unties it.</summary>
internal sealed class OptModel : Module, ILanguageModel
{
    /// <summary>Source: OPTLearnedPositionalEmbedding: position p reads row p + 2 (fairseq kept rows 0
    /// and 1 for padding), so the table has max_position_embeddings + 2 rows.</summary>
    public const long PositionOffset = 2;

    private readonly OptConfig config;
    private readonly Embedding tokens;
    private readonly Embedding positions;
    private readonly Linear? projectOut;
    private readonly Linear? projectIn;
    private readonly LayerNorm? finalNorm;
    private readonly OptBlock[] blocks;
    private readonly Tensor head;

    public OptModel(IWeightSource source, OptConfig config, string prefix = "model.decoder.")
    {
        if (!config.LayerNormElementwiseAffine)
            throw new NotSupportedException("OPT with layer_norm_elementwise_affine = false (LayerNorms without weight and bias) is not supported; no released OPT checkpoint uses it");
        this.config = config;
        tokens = RegisterModule("model.decoder.embed_tokens", new Embedding(source, prefix + "embed_tokens", config.VocabSize, config.EmbedDim));
        (Device, DType) = (tokens.Weight.device, tokens.Weight.dtype);
        positions = RegisterModule("model.decoder.embed_positions", new Embedding(source, prefix + "embed_positions", config.MaxPositions + PositionOffset, config.Hidden));
        if (config.EmbedDim != config.Hidden)
        {
            projectOut = RegisterModule("model.decoder.project_out", Linear.Load(source, prefix + "project_out", config.Hidden, config.EmbedDim, bias: false));
            projectIn = RegisterModule("model.decoder.project_in", Linear.Load(source, prefix + "project_in", config.EmbedDim, config.Hidden, bias: false));
        }

        if (config.HasFinalLayerNorm)
            finalNorm = RegisterModule("model.decoder.final_layer_norm", new LayerNorm(source, prefix + "final_layer_norm", config.Hidden, OptConfig.LayerNormEps));
        blocks = new OptBlock[config.Layers];
        for (var i = 0; i < config.Layers; i++)
            blocks[i] = RegisterModule($"model.decoder.layers.{i}", new OptBlock(source, $"{prefix}layers.{i}", config, i));
        head = config.TieWordEmbeddings
            ? tokens.Weight
            : RegisterParameter("lm_head.weight", source.Take("lm_head.weight", [config.VocabSize, config.EmbedDim], WeightInit.Normal));
    }

    public OptConfig Config => config;

    public string ModelType => "opt";

    public long VocabSize => config.VocabSize;

    public ModelDimensions Dimensions => new(config.Layers, config.Hidden, config.Heads, config.VocabSize);

    /// <summary>The token embedding's device, as loaded.</summary>
    public Device Device { get; }

    /// <summary>The token embedding's dtype, as loaded.</summary>
    public ScalarType DType { get; }

    /// <summary>The token embedding matrix [V, E], E = word_embed_proj_dim.</summary>
    public Tensor TokenEmbeddings => tokens.Weight;

    /// <summary>Token embeddings of <paramref name="ids"/> [B, T] -> [B, T, E], as transformers'
    /// inputs_embeds: project_in and the positions are applied inside <see cref="Forward"/>.</summary>
    public Tensor Embed(Tensor ids) => tokens.Forward(ids);

    /// <summary>The learned positions of the given position ids (rows offset by <see cref="PositionOffset"/>) [T, D], as Forward adds them.</summary>
    public Tensor? PositionEmbeddings(Tensor length) => positions.Forward(length.to(Device).add(PositionOffset));

    public long? MaxPositions => config.MaxPositions;

    public KvCache NewCache() => new(config.Layers);

    public ModelOutput Forward(ModelInput input, ForwardOptions? options = null)
    {
        options ??= ForwardOptions.Default;
        var (b, t) = input.Shape();
        var embeds = input.InputsEmbeds ?? tokens.Forward(input.InputIds!);        // [B, T, E]
        var past = input.Cache?.Length ?? 0;
        if (input.AttentionMask is { } given && given.size(1) != past + t)
            throw new ArgumentException($"the attention mask covers {given.size(1)} positions; cached plus new positions are {past + t}");
        LearnedPositions.EnsureWithin(input, past, t, config.MaxPositions, "max_position_embeddings");
        var positionIds = input.PositionIds ?? PositionsFromMask(input.AttentionMask, b, past, t, embeds.device); // [B, T]
        if (projectIn is not null) embeds = projectIn.Forward(embeds);              // [B, T, D]
        var x = embeds.add(positions.Forward(positionIds.add(PositionOffset)));     // [B, T, D]
        var mask = AttentionMask.Causal(b, t, past + t, input.AttentionMask, x.dtype, x.device); // [B, 1, T, S]

        var hidden = options.OutputHiddenStates ? new List<Tensor>() : null;
        var attentions = options.OutputAttentions ? new List<Tensor>() : null;
        foreach (var block in blocks)
        {
            hidden?.Add(x);
            (x, var probabilities) = block.Forward(x, mask, input.Cache, options.Capture);
            attentions?.Add(probabilities);
        }

        if (finalNorm is not null) x = finalNorm.Forward(x);
        if (projectOut is not null) x = projectOut.Forward(x);                       // [B, T, E]
        hidden?.Add(x);
        x = options.AtOutputPositions(x);                                           // [B, T or n, D]
        var logits = F.linear(x, head);                                             // [B, T or n, V]
        return new ModelOutput(logits, attentions, hidden);
    }

    /// <summary>Source: OPTLearnedPositionalEmbedding.forward: cumsum(mask) * mask - 1 over cached and
    /// new positions (pads get -1), then the last T; without a mask, past..past+T-1.</summary>
    private static Tensor PositionsFromMask(Tensor? attentionMask, long batch, long past, long length, Device device)
    {
        var mask = attentionMask?.to(ScalarType.Int64) ?? torch.ones([batch, past + length], ScalarType.Int64, device: device); // [B, S]
        return mask.cumsum(1).mul(mask).sub(1).narrow(1, past, length);             // [B, T]
    }

    /// <summary>The registry's loader: the Hub's facebook/opt-* files name the decoder's tensors from
    /// "decoder." (OPTModel's state dict), files written by OPTForCausalLM from "model.decoder.".</summary>
    public static ILanguageModel Load(ArchitectureLoadContext context)
    {
        var config = context.Config<OptConfig>();
        var prefix = context.Weights.Has("model.decoder.embed_tokens.weight") ? "model.decoder." : "decoder.";
        // A tied checkpoint may still hold lm_head.weight, a copy of embed_tokens.weight.
        return context.Build(() => new OptModel(context.Weights, config, prefix), name => config.TieWordEmbeddings && name == "lm_head.weight");
    }
}
