using Harness.Models;
using Harness.Torch;

namespace Harness.Benchmarks;

/// <summary>A model the attributor and metric benchmarks run on, printed by its name: "tiny" (the
/// trained tiny GPT-2 at experiments/models/tiny-gpt2, Hugging Face layout) or "gpt2-small" (a
/// GPT-2-small-sized model with seeded random weights, <see cref="RandomGpt2"/>), or "gpt2-medium" (the same, GPT-2 medium's shape).</summary>
public sealed record BenchModel(string Name)
{
    public static readonly BenchModel Tiny = new("tiny");
    public static readonly BenchModel Gpt2Small = new("gpt2-small");

    /// <summary>A GPT-2-medium-sized random model; not in <see cref="All"/> (the ReAGent paper-settings benchmark names it).</summary>
    public static readonly BenchModel Gpt2Medium = new("gpt2-medium");

    /// <summary>The tiny model's folder, relative to the repository root.</summary>
    public const string TinyFolder = "experiments/models/tiny-gpt2";

    public static IReadOnlyList<BenchModel> All { get; } = [Tiny, Gpt2Small];

    /// <summary>Loads the model in <paramref name="dtype"/> on <paramref name="device"/>; the tiny one fails naming its folder when that is missing (it is built
    /// by training, not checked in), so a run that asks for it stops with the reason.</summary>
    public ILanguageModel Load(ScalarType dtype = ScalarType.Float32, Device? device = null)
    {
        if (this == Gpt2Small) return RandomGpt2.Create(0, dtype, device);
        if (this == Gpt2Medium) return RandomGpt2.Create(0, dtype, device, RandomGpt2.MediumConfig);
        if (this != Tiny) throw new ArgumentException($"unknown benchmark model '{Name}'; known: {string.Join(", ", All)}");
        var folder = Path.Combine(RepositoryRoot.Path, TinyFolder);
        if (!File.Exists(Path.Combine(folder, "config.json")))
            throw new DirectoryNotFoundException($"the tiny model is missing: no config.json in {folder}; build it first, "
                + "or run only the GPT-2-small-sized model with --filter '*gpt2-small*'");
        return ModelLoader.Load(folder, dtype, device);
    }

    public override string ToString() => Name;
}
