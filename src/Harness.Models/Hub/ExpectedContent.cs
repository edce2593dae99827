namespace Harness.Models.Hub;

/// <summary>What a downloaded file must be, as far as its source says: its size, its SHA-256 (the Hub's LFS
/// files, pinned dataset sources) and its git blob id (the Hub's small files, which are plain git objects).
/// Unknown parts are not checked.</summary>
public sealed record ExpectedContent(long? Size = null, string? Sha256 = null, string? GitBlobSha1 = null)
{
    /// <summary>Nothing known: nothing is checked.</summary>
    public static ExpectedContent Unknown { get; } = new();
}

/// <summary>A checked file: where it is, its size and its SHA-256 (lower-case hex).</summary>
public sealed record DownloadedFile(string Path, long Size, string Sha256);
