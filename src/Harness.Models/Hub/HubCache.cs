namespace Harness.Models.Hub;

/// <summary>
/// The Hugging Face cache layout that huggingface_hub writes and other tools read:
/// ROOT/models--org--name/blobs/ETAG (the content; LFS files are named by their SHA-256),
/// snapshots/COMMIT/FILE (a relative symlink to the blob, a copy where links cannot be made) and
/// refs/REVISION (the commit a branch or tag resolved to).
/// </summary>
public sealed class HubCache(string root)
{
    /// <summary>The cache folder, as a full path.</summary>
    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>HF_HOME, else ~/.cache/huggingface.</summary>
    public static string HomeDirectory() =>
        Environment.GetEnvironmentVariable("HF_HOME") is { Length: > 0 } home ? home
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "huggingface");

    /// <summary>HF_HUB_CACHE, else HF_HOME/hub, else ~/.cache/huggingface/hub.</summary>
    public static string DefaultDirectory() =>
        Environment.GetEnvironmentVariable("HF_HUB_CACHE") is { Length: > 0 } cache ? cache : Path.Combine(HomeDirectory(), "hub");

    /// <summary>The folder of <paramref name="repo"/>: models--org--name (datasets--org--name).</summary>
    public string RepoFolder(HubRepo repo) => Path.Combine(Root, repo.CacheFolderName);

    /// <summary>The content-addressed file of <paramref name="repo"/> with ETag <paramref name="etag"/>, under blobs/.</summary>
    public string Blob(HubRepo repo, string etag) => Path.Combine(RepoFolder(repo), "blobs", etag);

    /// <summary>The snapshot folder of <paramref name="repo"/> at <paramref name="commit"/>, whose files link to the blobs.</summary>
    public string Snapshot(HubRepo repo, string commit) => Path.Combine(RepoFolder(repo), "snapshots", commit);

    /// <summary>Records that <paramref name="revision"/> (a branch or tag) is at <paramref name="commit"/>;
    /// a revision that is the commit itself needs no ref.</summary>
    public void WriteRef(HubRepo repo, string revision, string commit)
    {
        if (revision == commit) return;
        var file = Path.Combine(RepoFolder(repo), "refs", revision);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, commit);
    }

    /// <summary>Puts <paramref name="file"/> into the snapshot as a link to its blob.</summary>
    public string Link(HubRepo repo, string commit, string file, string blob)
    {
        var pointer = Path.Combine(Snapshot(repo, commit), file);
        Directory.CreateDirectory(Path.GetDirectoryName(pointer)!);
        if (File.Exists(pointer) || new FileInfo(pointer).LinkTarget is not null) File.Delete(pointer);
        try
        {
            File.CreateSymbolicLink(pointer, Path.GetRelativePath(Path.GetDirectoryName(pointer)!, blob));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Copy(blob, pointer); // a file system (or Windows account) without symlinks: huggingface_hub copies too
        }

        return pointer;
    }
}
