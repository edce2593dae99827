using System.Text.Json;
using Harness.Models.Formats;
using Harness.Torch;

namespace Harness.Benchmarks;

/// <summary>The model folder both sides of the PyTorch/Captum comparison load (bench/compare.sh): the GPT-2-small-sized
/// <see cref="RandomGpt2"/> (seed 0) as Hugging Face writes a model (config.json, model.safetensors), plus compare.json
/// with the seeded context and target token, so that bench/pytorch/captum_compare.py computes with the same weights
/// and explains the same target.</summary>
public static class ComparisonModel
{
    /// <summary>Where the folder is: HARNESS_COMPARE_MODEL, else harness-compare-gpt2-small in the temporary folder.</summary>
    public const string FolderVariable = "HARNESS_COMPARE_MODEL";

    public const int ContextLength = 64;

    public static string Folder =>
        Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } folder ? folder : Path.Combine(Path.GetTempPath(), "harness-compare-gpt2-small");

    /// <summary>The context ids and the target token, read back from compare.json.</summary>
    public sealed record Prompt(long[] Context, long Target);

    /// <summary>Writes the folder unless it is complete (the file is written last, under a temporary name).</summary>
    public static string Ensure()
    {
        var folder = Folder;
        var prompt = Path.Combine(folder, "compare.json");
        if (File.Exists(prompt)) return folder;
        Directory.CreateDirectory(folder);
        using (var model = RandomGpt2.Create())
        using (var scope = torch.NewDisposeScope())
            SafeTensorsWriter.Write(Path.Combine(folder, "model.safetensors"), model.state_dict().ToList());
        File.WriteAllText(Path.Combine(folder, "config.json"), JsonSerializer.Serialize(RandomGpt2.SmallConfig));
        using var generator = new Generator(3);
        var ids = torch.randint(0, RandomGpt2.SmallConfig.VocabSize, [ContextLength + 1], generator).ToArray<long>();
        File.WriteAllText(prompt + ".tmp", JsonSerializer.Serialize(new Prompt(ids[..ContextLength], ids[ContextLength])));
        File.Move(prompt + ".tmp", prompt, overwrite: true);
        return folder;
    }

    public static Prompt ReadPrompt(string folder) =>
        JsonSerializer.Deserialize<Prompt>(File.ReadAllText(Path.Combine(folder, "compare.json")))
        ?? throw new InvalidDataException($"{folder}/compare.json is empty");
}
