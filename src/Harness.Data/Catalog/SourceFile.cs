namespace Harness.Data.Catalog;

/// <summary>A published file a dataset is built from, pinned by its size and SHA-256 (computed from the file
/// at the pinned revision); <see cref="Name"/> is what it is called in the dataset's raw/ folder.</summary>
public abstract record SourceFile(string Name, long Size, string Sha256)
{
    /// <summary>REPOSITORY@REVISION:PATH, as docs/datasets.md cites it.</summary>
    public abstract string Citation { get; }
}

/// <summary>A file of a public GitHub repository at a commit, read from raw.githubusercontent.com (or the
/// mirror HARNESS_GITHUB_RAW names).</summary>
internal sealed record GitHubFile(string Name, string Repository, string Commit, string FilePath, long Size, string Sha256) : SourceFile(Name, Size, Sha256)
{
    public const string DefaultRawHost = "https://raw.githubusercontent.com/";

    public override string Citation => $"{Repository}@{Commit}:{FilePath}";

    public Uri Url(Uri rawHost) => new(rawHost, $"{Repository}/{Commit}/{string.Join('/', FilePath.Split('/').Select(Uri.EscapeDataString))}");
}

/// <summary>A file of a dataset repository on the Hugging Face Hub at a revision (HF_ENDPOINT, HF_TOKEN apply).</summary>
internal sealed record HubDatasetFile(string Name, string Repository, string Revision, string FilePath, long Size, string Sha256) : SourceFile(Name, Size, Sha256)
{
    public override string Citation => $"hf://datasets/{Repository}@{Revision}:{FilePath}";
}
