using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Harness.Models.Formats;
using Harness.Torch;

namespace Harness.Models.Loading;

/// <summary>
/// The copy of a model that the model randomisation check attributes (Adebayo et al. 2018, "Sanity checks for saliency
/// maps", cascading randomisation from the top; spec/metrics.md section 8): the top <see cref="Layers"/> decoder blocks
/// (null: all of them) re-initialised as Hugging Face's _init_weights draws a new model's (weights N(0,
/// initializer_range^2), biases 0, norm weights 1), from <see cref="Seed"/>; embeddings, the final norm and the output
/// layer keep their trained values. As GPT-2's own _init_weights, its residual projections (`c_proj.weight`) take std
/// initializer_range / sqrt(2 n_layer); OPT's std is its config's init_std. A block is a checkpoint tensor named `...h.N.`
/// (GPT-2, GPT-J) or `...layers.N.` (Llama, Mistral, Qwen2, Phi-3, OPT).
/// </summary>
public sealed record TopLayerReinitialisation(int? Layers, ulong Seed)
{
    private static readonly Regex BlockIndex = new(@"(?:^|\.)(?:h|layers)\.(\d+)\.", RegexOptions.CultureInvariant);

    /// <summary>The decoder block a checkpoint tensor belongs to, or null for one outside the blocks.</summary>
    public static int? BlockOf(string tensorName) =>
        BlockIndex.Match(tensorName) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;

    /// <summary>The weight source's side of it for a checkpoint whose tensors are <paramref name="names"/> and whose
    /// config.json is <paramref name="configJson"/>: which tensors are redrawn, and the generator they are drawn from.</summary>
    /// <exception cref="ModelFormatException">No decoder block is found, or more blocks are asked for than there are.</exception>
    public Weights For(IEnumerable<string> names, string configPath, string configJson)
    {
        var blocks = names.Select(BlockOf).OfType<int>().DefaultIfEmpty(-1).Max() + 1;
        if (blocks == 0) throw new ModelFormatException(configPath, "no decoder blocks (tensors named ...h.N. or ...layers.N.) to re-initialise");
        var layers = Layers ?? blocks;
        if (layers < 1 || layers > blocks)
            throw new ModelFormatException(configPath, $"cannot re-initialise the top {layers} decoder blocks of a model with {blocks}");
        using var config = JsonDocument.Parse(configJson);
        var modelType = config.RootElement.TryGetProperty("model_type", out var type) ? type.GetString() : null;
        // Source: transformers 4.45.1 GPT2PreTrainedModel._init_weights rescales "c_proj.weight" by 1/sqrt(2 n_layer);
        // OPTPreTrainedModel._init_weights draws with config.init_std.
        var residualScale = modelType == "gpt2" ? 1 / Math.Sqrt(2.0 * blocks) : 1;
        return new Weights(blocks - layers, new RandomWeights(Seed, InitializerRange(config, modelType)), residualScale);
    }

    /// <summary>This copy for a model of <paramref name="blocks"/> decoder blocks with `layers` equal to the depth written as
    /// none, so that both spellings name one copy.</summary>
    public TopLayerReinitialisation Normalised(long blocks) => Layers == blocks ? this with { Layers = null } : this;

    /// <summary>config.json's std for normal draws: init_std for OPT, else initializer_range; 0.02 where it has neither.</summary>
    private static double InitializerRange(JsonDocument config, string? modelType)
    {
        foreach (var key in modelType == "opt" ? new[] { "init_std", "initializer_range" } : ["initializer_range", "init_std"])
            if (config.RootElement.TryGetProperty(key, out var value) && value.TryGetDouble(out var std)) return std;
        return 0.02;
    }

    /// <summary>The tensors of blocks <see cref="FirstBlock"/> and above are drawn anew, in the order the model takes them.</summary>
    public sealed class Weights(int firstBlock, RandomWeights random, double residualScale) : IDisposable
    {
        /// <summary>The lowest re-initialised block.</summary>
        public int FirstBlock { get; } = firstBlock;

        /// <summary>Whether the tensor called <paramref name="name"/> is drawn anew.</summary>
        public bool Covers(string name) => BlockOf(name) is { } block && block >= FirstBlock;

        /// <summary>A fresh tensor for the checkpoint's <paramref name="name"/> with this shape, dtype and device.</summary>
        public Tensor Draw(string name, long[] shape, WeightInit init, ScalarType dtype, Device device) =>
            random.Draw(shape, init, dtype, device, name.EndsWith(".c_proj.weight", StringComparison.Ordinal) ? residualScale : 1);

        /// <summary>Frees the generator.</summary>
        public void Dispose() => random.Dispose();
    }
}
