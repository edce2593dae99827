using Harness.Models.Formats;
using Harness.Models.Layers;
using Harness.Models.Loading;
using Harness.Torch;
using Harness.Torch.NN;
using F = Harness.Torch.torch.nn.functional;

namespace Harness.Models.Architectures.Roberta;

/// <summary>RoBERTa with its masked-LM head (RobertaForMaskedLM; Liu et al. 2019): embeddings with
/// positions counted from the ids, post-LN bidirectional encoder layers (padding keys masked), and the
/// head dense, GELU, LayerNorm, decoder tied to the word embeddings with its own bias. No pooler.</summary>
public sealed class RobertaMaskedLm : Module, IMaskedLanguageModel
{
    private readonly RobertaConfig config;
    private readonly RobertaEmbeddings embeddings;
    private readonly RobertaLayer[] layers;
    private readonly Linear headDense;
    private readonly LayerNorm headNorm;
    private readonly Tensor decoder;
    private readonly Tensor decoderBias;

    /// <summary>RoBERTa with its masked-LM head, built with <paramref name="config"/> from the tensors of <paramref name="source"/>.</summary>
    public RobertaMaskedLm(IWeightSource source, RobertaConfig config)
    {
        if (config.PositionEmbeddingType != "absolute")
            throw new NotSupportedException($"RoBERTa position_embedding_type '{config.PositionEmbeddingType}' is not supported (absolute)");
        this.config = config;
        embeddings = RegisterModule("roberta.embeddings", new RobertaEmbeddings(source, "roberta.embeddings", config));
        (Device, DType) = (embeddings.WordEmbeddings.device, embeddings.WordEmbeddings.dtype);
        layers = new RobertaLayer[config.Layers];
        for (var i = 0; i < config.Layers; i++)
            layers[i] = RegisterModule($"roberta.encoder.layer.{i}", new RobertaLayer(source, $"roberta.encoder.layer.{i}", config, i));
        headDense = RegisterModule("lm_head.dense", Linear.Load(source, "lm_head.dense", config.Hidden, config.Hidden));
        headNorm = RegisterModule("lm_head.layer_norm", new LayerNorm(source, "lm_head.layer_norm", config.Hidden, config.LayerNormEps));
        decoder = config.TieWordEmbeddings
            ? embeddings.WordEmbeddings
            : RegisterParameter("lm_head.decoder.weight", source.Take("lm_head.decoder.weight", [config.VocabSize, config.Hidden], WeightInit.Normal));
        // Source: RobertaLMHead: decoder.bias is the same parameter as lm_head.bias; files keep either.
        var biasName = source.Has("lm_head.bias") || !source.Has("lm_head.decoder.bias") ? "lm_head.bias" : "lm_head.decoder.bias";
        decoderBias = RegisterParameter("lm_head.bias", source.Take(biasName, [config.VocabSize], WeightInit.Zeros));
    }

    /// <summary>The configuration the model was built with.</summary>
    public RobertaConfig Config => config;

    /// <inheritdoc/>
    public string ModelType => config.ModelType;

    /// <inheritdoc/>
    public long VocabSize => config.VocabSize;

    /// <summary>The word embedding's device, as loaded.</summary>
    public Device Device { get; }

    /// <summary>The word embedding's dtype, as loaded.</summary>
    public ScalarType DType { get; }

    /// <inheritdoc/>
    public long? MaskTokenId => config.MaskTokenId;

    /// <summary>The word embedding matrix [V, D].</summary>
    public Tensor TokenEmbeddings => embeddings.WordEmbeddings;

    /// <summary>Word embeddings of <paramref name="ids"/> [B, T] -> [B, T, D]; token type and position
    /// embeddings and the LayerNorm are applied inside <see cref="Forward"/> (positions then run from
    /// pad_token_id + 1, as transformers does for inputs_embeds).</summary>
    public Tensor Embed(Tensor ids) => embeddings.Embed(ids);

    /// <inheritdoc/>
    public ModelOutput Forward(ModelInput input, ForwardOptions? options = null)
    {
        options ??= ForwardOptions.Default;
        if (input.Cache is not null) throw new ArgumentException("RoBERTa is an encoder: it keeps no KV cache");
        var (b, t) = input.Shape();
        var x = embeddings.Forward(input.InputIds, input.InputsEmbeds, input.PositionIds); // [B, T, D]
        var mask = PaddingMask(input.AttentionMask, b, t, x.dtype, x.device);     // [B, 1, 1, T] or null

        var hidden = options.OutputHiddenStates ? new List<Tensor> { x } : null;
        var attentions = options.OutputAttentions ? new List<Tensor>() : null;
        foreach (var layer in layers)
        {
            (x, var probabilities) = layer.Forward(x, mask, options.Capture);
            hidden?.Add(x);
            attentions?.Add(probabilities);
        }

        // Source: RobertaLMHead.forward: dense, gelu (exact, whatever hidden_act says), layer_norm, decoder.
        var features = headNorm.Forward(F.gelu(headDense.Forward(x)));              // [B, T, D]
        var logits = F.linear(features, decoder, decoderBias);                      // [B, T, V]
        return new ModelOutput(logits, attentions, hidden);
    }

    /// <summary>Source: get_extended_attention_mask: 0 for real keys, finfo.min for padding, the same
    /// for every query (bidirectional).</summary>
    private static Tensor? PaddingMask(Tensor? attentionMask, long batch, long length, ScalarType dtype, Device device)
    {
        if (attentionMask is null) return null;
        if (attentionMask.size(0) != batch || attentionMask.size(1) != length)
            throw new ArgumentException($"the attention mask has shape [{string.Join(", ", attentionMask.shape)}], the input [{batch}, {length}]");
        var min = dtype switch
        {
            ScalarType.Float16 => -65504.0,
            ScalarType.BFloat16 => -3.3895313892515355e38,
            ScalarType.Float64 => double.MinValue,
            _ => float.MinValue,
        };
        var real = attentionMask.to(ScalarType.Bool).view(batch, 1, 1, length);   // [B, 1, 1, T]
        return torch.where(real, torch.zeros([1], dtype, device: device), torch.full([1], min, dtype, device: device));
    }

    /// <param name="directory">A model directory, or a model id found in the local Hugging Face cache.</param>
    /// <param name="dtype">Floating-point weights are converted to it; null keeps the file's.</param>
    public static IMaskedLanguageModel Load(string directory, ScalarType? dtype = null, Device? device = null)
    {
        var resolved = ModelLocator.Resolve(directory);
        var configPath = Path.Combine(resolved, "config.json");
        if (!File.Exists(configPath)) throw new ModelFormatException(configPath, "file not found");
        using var weights = new CheckpointWeights(resolved, dtype, device);
        var config = new ArchitectureLoadContext(configPath, Formats.ModelFile.ReadText(configPath, Formats.ModelFile.SmallJsonLimit), weights).Config<RobertaConfig>();
        if (config.ModelType is not ("roberta" or "xlm-roberta"))
            throw new ModelFormatException(configPath, $"model_type '{config.ModelType}' is not a RoBERTa masked LM (roberta, xlm-roberta)");
        var model = new RobertaMaskedLm(weights, config);
        try
        {
            weights.EnsureAllUsed(name => IsIgnorable(name, config));
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>Tensors RoBERTa files may carry that the masked LM does not use: the pooler (part of
    /// RobertaModel; RobertaForMaskedLM is built without it), the position_ids buffer of older files,
    /// and the tied copies of the decoder's weight and bias.</summary>
    public static bool IsIgnorable(string name, RobertaConfig config) =>
        name.StartsWith("roberta.pooler.", StringComparison.Ordinal)
        || name == "roberta.embeddings.position_ids"
        || name == "lm_head.decoder.bias"
        || (config.TieWordEmbeddings && name == "lm_head.decoder.weight");
}
