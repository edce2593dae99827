namespace Harness.Models.Hub;

/// <summary>
/// `harness fetch model`: the files of a model repository the harness reads (config, generation config,
/// tokenizer, safetensors weights and their index) plus its licence and card, never pickled weights
/// (*.bin, *.pt, *.ckpt: loading them runs code) or other formats' copies (ONNX, GGUF, Flax, TF), and
/// nothing in subfolders.
/// </summary>
public static class ModelFetcher
{
    private static readonly string[] Named = ["tokenizer.model", "merges.txt", "README.md", "USE_POLICY.md", "NOTICE"];

    /// <summary>Whether a model fetch takes the repository file <paramref name="name"/>.</summary>
    public static bool Wanted(string name)
    {
        if (name.Contains('/', StringComparison.Ordinal)) return false;
        if (name.EndsWith(".safetensors", StringComparison.Ordinal)) return true;
        if (name.EndsWith(".json", StringComparison.Ordinal)) return !name.EndsWith(".bin.index.json", StringComparison.Ordinal); // the pickles' shard index
        return Named.Contains(name) || name.StartsWith("LICENSE", StringComparison.OrdinalIgnoreCase) || name.StartsWith("LICENCE", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Downloads the files the harness needs of model <paramref name="id"/> at <paramref name="revision"/> into the
    /// cache of <paramref name="client"/>, each checked against the Hub's size and hash, and returns the snapshot folder.</summary>
    public static FetchedSnapshot Fetch(HubClient client, string id, string revision, IDownloadProgress progress)
    {
        var repo = HubRepo.Model(id);
        var info = client.Info(repo, revision);
        var files = info.Files.Where(f => Wanted(f.Name)).ToList();
        if (!files.Any(f => f.Name.EndsWith(".safetensors", StringComparison.Ordinal)))
        {
            var others = info.Files.Select(f => f.Name).Where(n => n.EndsWith(".bin", StringComparison.Ordinal) || n.EndsWith(".pt", StringComparison.Ordinal)).Take(3).ToList();
            throw new FetchException($"{repo} at {revision} ({info.Commit[..Math.Min(12, info.Commit.Length)]}) has no .safetensors weights" +
                                     (others.Count > 0 ? $", only pickles ({string.Join(", ", others)}), which the harness does not load" : "") +
                                     "; pass --revision with a revision that has them");
        }

        return client.Download(repo, revision, info, files, progress);
    }
}
