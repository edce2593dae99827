using System.Security.Cryptography;
using Harness.Attribution;
using Harness.Attribution.Methods;
using Harness.Evaluation.Core;
using Harness.Experiments.Schema;
using Harness.Experiments.Store;
using Harness.Models;
using Harness.Models.Architectures.Roberta;
using Harness.Models.Chat;
using Harness.Models.Loading;
using Harness.Models.Tokenization;
using Harness.Torch;

namespace Harness.Experiments.Running;

/// <summary>A model of the grid, loaded once for all its cells: weights in the asked dtype on the
/// asked device, its tokenizer and generation config, the resources some attributors need, and the
/// provenance of its files.</summary>
public sealed class ModelSession : IDisposable
{
    private IMaskedLanguageModel? maskedLm;

    private ModelSession(ModelSpec spec, string folder, ILanguageModel model, Tokenizer tokenizer, GenerationConfig? generation)
    {
        Spec = spec;
        Folder = folder;
        Model = model;
        Tokenizer = tokenizer;
        Generation = generation;
        chatTemplate = new Lazy<ChatTemplate?>(() => ChatTemplate.FromModelDirectory(folder));
    }

    /// <summary>The model entry of the experiment this session loaded.</summary>
    public ModelSpec Spec { get; }

    /// <summary>The resolved model folder (config.json, tokenizer, safetensors).</summary>
    public string Folder { get; }

    /// <summary>The loaded language model on the run's device.</summary>
    public ILanguageModel Model { get; }

    /// <summary>The model folder's tokenizer.</summary>
    public Tokenizer Tokenizer { get; }

    /// <summary>The folder's generation_config.json; null when it has none.</summary>
    public GenerationConfig? Generation { get; }

    /// <summary>The chat template of the model folder's tokenizer_config.json, read on first use; null when it has none.</summary>
    public ChatTemplate? ChatTemplate => chatTemplate.Value;

    private readonly Lazy<ChatTemplate?> chatTemplate;

    /// <summary>What attributors may use beside the model (the masked LM of ReAGent's replacer); none until loaded.</summary>
    public AttributorResources Resources { get; private set; } = AttributorResources.None;

    /// <summary>The end-of-sequence ids of generation_config.json; generation stops at any of them (an instruct model's
    /// end-of-turn token among them).</summary>
    public IReadOnlyCollection<long> EosIds => Generation?.EosTokenIds ?? [];

    /// <summary>The token standing for an ablated one under `pad`/`mask`: generation_config's pad id, else the
    /// tokenizer's pad or unk special token.</summary>
    public long? PadId => Generation?.PadTokenId
        ?? Tokenizer.SpecialTokens.FirstOrDefault(t => t.Content is "<pad>" or "[PAD]" or "<unk>" or "[UNK]")?.Id;

    private readonly Dictionary<TopLayerReinitialisation, ILanguageModel> randomised = [];
    private readonly Dictionary<TopLayerReinitialisation, string> unloadable = [];

    /// <summary>A copy of the model with its top decoder blocks re-initialised (model_randomization), in the model's dtype on
    /// its device: loaded on first use and kept for the session's other cells, one more copy of the weights in memory. A copy
    /// that cannot be made (more blocks than the model has, no memory left for it) fails each metric value that asks for it
    /// with the reason, once loaded or not, and the cells go on.</summary>
    /// <exception cref="MetricException">The copy could not be loaded.</exception>
    public ILanguageModel Randomised(TopLayerReinitialisation reinitialisation)
    {
        var key = Model.Dimensions is { } dimensions ? reinitialisation.Normalised(dimensions.Layers) : reinitialisation;
        if (randomised.TryGetValue(key, out var copy)) return copy;
        if (unloadable.TryGetValue(key, out var reason)) throw new MetricException(reason);
        try
        {
            return randomised[key] = ModelLoader.Load(Folder, Model.DType, Model.Device, key);
        }
        catch (Exception e) when (e is Harness.Models.Formats.ModelFormatException or TorchException)
        {
            unloadable[key] = $"the re-initialised copy of model {Spec.Name} cannot be loaded: {e.Message}";
            throw new MetricException(unloadable[key]);
        }
    }

    /// <summary>The model of <paramref name="spec"/> on the device its `device` setting names.</summary>
    public static ModelSession Load(ModelSpec spec) => Load(spec, Device.Parse(spec.Device));

    /// <summary>The model of <paramref name="spec"/> (and its masked LM) on <paramref name="device"/>, resolved once by the run.</summary>
    public static ModelSession Load(ModelSpec spec, Device device)
    {
        var folder = ModelLocator.Resolve(spec.Path);
        var dtype = spec.DType switch
        {
            "float16" => ScalarType.Float16,
            "bfloat16" => ScalarType.BFloat16,
            "float64" => ScalarType.Float64,
            _ => ScalarType.Float32,
        };
        var model = ModelLoader.Load(folder, dtype, device);
        var tokenizer = Tokenizer.FromFile(Path.Combine(folder, "tokenizer.json"));
        var session = new ModelSession(spec, folder, model, tokenizer, GenerationConfig.Read(folder));
        try
        {
            // ReAGent's masked LM (on the model's device) and AT2's estimator (checked against the model's shape).
            MaskedLmReplacerModel? replacer = null;
            if (spec.MaskedLm is { } mlm)
            {
                var mlmFolder = ModelLocator.Resolve(mlm);
                session.maskedLm = RobertaMaskedLm.Load(mlmFolder, dtype, device);
                replacer = new MaskedLmReplacerModel(session.maskedLm, Tokenizer.FromFile(Path.Combine(mlmFolder, "tokenizer.json")), tokenizer);
            }

            session.Resources = new AttributorResources
            {
                MaskedLm = replacer,
                PosTags = new Lazy<PosTagMap>(() => PosTagMap.ForModel(folder)),
                At2Estimator = spec.At2Estimator is { } at2 ? At2Estimator.Load(at2, model) : null,
                EosTokenId = GenerationConfig.ConfigEosTokenId(folder),
            };
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>SHA-256 of every file of a model's folder (weights, config, tokenizer), for the run's
    /// provenance; needs no loaded weights.</summary>
    public static ModelProvenance Provenance(ModelSpec spec)
    {
        var folder = ModelLocator.Resolve(spec.Path);
        var hashes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
        {
            // A FIFO or device in the folder would hang the hash: only regular files are read.
            Harness.Models.Formats.ModelFile.EnsureRegular(file);
            using var stream = File.OpenRead(file);
            hashes[Path.GetFileName(file)] = Convert.ToHexStringLower(SHA256.HashData(stream));
        }

        return new ModelProvenance(spec.Name, folder, spec.DType, spec.Device, hashes);
    }

    /// <summary>Frees the model's and the masked LM's tensors.</summary>
    public void Dispose()
    {
        maskedLm?.Dispose();
        foreach (var copy in randomised.Values) copy.Dispose();
        Model.Dispose();
    }
}
