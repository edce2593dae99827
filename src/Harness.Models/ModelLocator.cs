using Harness.Models.Hub;

namespace Harness.Models;

/// <summary>Finds a model directory from a path or from a model id in the local Hugging Face cache
/// (<see cref="HubCache"/>: models--org--name/snapshots/&lt;revision&gt;). Nothing is downloaded here;
/// `harness fetch model` (<see cref="ModelFetcher"/>) fills the cache.</summary>
public static class ModelLocator
{
    /// <summary>The model directory: <paramref name="model"/> itself when it is a directory, else the cached snapshot of the
    /// model id <paramref name="model"/> that refs/main names (or the newest); throws <see cref="DirectoryNotFoundException"/>
    /// naming `harness fetch model` when neither exists.</summary>
    public static string Resolve(string model)
    {
        if (Directory.Exists(model)) return Path.GetFullPath(model);
        if (Path.IsPathRooted(model) || model.StartsWith('.') || model.Count(c => c == '/') > 1)
            throw new DirectoryNotFoundException($"model directory '{model}' does not exist");
        var hub = HubCache.DefaultDirectory();
        var cached = Path.Combine(hub, "models--" + model.Replace("/", "--", StringComparison.Ordinal));
        var snapshots = Path.Combine(cached, "snapshots");
        if (Directory.Exists(snapshots))
        {
            // refs/main names the revision a download last resolved; otherwise the newest snapshot.
            var refMain = Path.Combine(cached, "refs", "main");
            if (File.Exists(refMain))
            {
                var revision = Path.Combine(snapshots, File.ReadAllText(refMain).Trim());
                if (Directory.Exists(revision)) return revision;
            }

            var newest = new DirectoryInfo(snapshots).GetDirectories().OrderByDescending(d => d.LastWriteTimeUtc).FirstOrDefault();
            if (newest is not null) return newest.FullName;
        }

        // "models/tiny-gpt2" reads as a folder and as a Hub id alike: the message serves both readings.
        throw new DirectoryNotFoundException($"model '{model}' is neither a folder (paths in an experiment are relative to its file) nor a model id "
            + $"in the Hugging Face cache ({cached}); if it is a Hub id, `harness fetch model {model}` downloads it");
    }
}
