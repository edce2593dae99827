using System.Text.Json.Nodes;

namespace Harness.Models.Tests.Parity;

/// <summary>A temporary copy of one hf-parity model folder (config.json and model.safetensors) whose
/// config.json a test edits, to load the same weights under other settings; deleted on Dispose.</summary>
public sealed class FixtureCopy : IDisposable
{
    public FixtureCopy(string architecture, Action<JsonObject> editConfig)
    {
        Directory = Path.Combine(Path.GetTempPath(), $"harness-{architecture}-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        var source = Path.Combine(SharedFolder.Path, "fixtures", "hf-parity", architecture);
        File.Copy(Path.Combine(source, "model.safetensors"), Path.Combine(Directory, "model.safetensors"));
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(source, "config.json")))!.AsObject();
        editConfig(config);
        File.WriteAllText(Path.Combine(Directory, "config.json"), config.ToJsonString());
    }

    public string Directory { get; }

    /// <summary>The model of the edited folder.</summary>
    public ILanguageModel Load() => ModelLoader.Load(Directory);

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
