namespace Harness.Models.Tests.Tokenization;

/// <summary>A tokenizer.json written by a test into its own temporary folder, deleted on dispose.</summary>
public sealed class TemporaryTokenizerFile : IDisposable
{
    private readonly string folder;

    public TemporaryTokenizerFile(string json)
    {
        folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "harness-tokenizer-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        Path = System.IO.Path.Combine(folder, "tokenizer.json");
        File.WriteAllText(Path, json);
    }

    /// <summary>Full path of the file.</summary>
    public string Path { get; }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
