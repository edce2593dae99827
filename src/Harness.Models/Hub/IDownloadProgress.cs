namespace Harness.Models.Hub;

/// <summary>What a fetch reports per file, for a progress bar each (the command line) or nothing (tests).</summary>
public interface IDownloadProgress
{
    /// <summary>A file starts downloading; <paramref name="resumedAt"/> bytes of it were already there.</summary>
    void Started(string file, long resumedAt, long? total);

    /// <paramref name="bytes"/> more bytes of <paramref name="file"/> arrived.
    void Advanced(string file, long bytes);

    /// <summary>The connection dropped and the download resumes after <paramref name="reason"/>.</summary>
    void Retrying(string file, string reason);

    /// <summary>The file is complete and checked (or was already in the cache).</summary>
    void Finished(string file);

    /// <summary>Reports nothing.</summary>
    public static IDownloadProgress None { get; } = new Silent();

    private sealed class Silent : IDownloadProgress
    {
        public void Started(string file, long resumedAt, long? total) { }
        public void Advanced(string file, long bytes) { }
        public void Retrying(string file, string reason) { }
        public void Finished(string file) { }
    }
}
