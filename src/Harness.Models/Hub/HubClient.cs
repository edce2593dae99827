using System.Net;
using System.Text.Json;
using System.Globalization;

namespace Harness.Models.Hub;

/// <summary>A file of a Hub repository as its API lists it: size, and the checksums the Hub gives (an LFS
/// file's SHA-256; a small file's git blob id).</summary>
public sealed record HubRepoFile(string Name, long? Size = null, string? Sha256 = null, string? BlobId = null);

/// <summary>A revision resolved to its commit, with its files.</summary>
public sealed record HubRepoInfo(string Commit, IReadOnlyList<HubRepoFile> Files);

/// <summary>A fetched snapshot: its folder in the cache, the commit, the files, and how many bytes came over the network.</summary>
public sealed record FetchedSnapshot(HubRepo Repo, string Commit, string Folder, IReadOnlyList<string> Files, long DownloadedBytes);

/// <summary>
/// Talks to the Hub as huggingface_hub does: `api/models/ID/revision/REV?blobs=true` resolves the revision
/// to a commit and lists the files; a HEAD on `ID/resolve/COMMIT/FILE` gives the blob name (X-Linked-Etag,
/// the SHA-256, for LFS files; ETag otherwise) and the URL to download (a 302 to the CDN for LFS files);
/// the file goes into <see cref="HubCache"/> and is checked against the API's size and checksums.
/// </summary>
public sealed class HubClient : IDisposable
{
    private readonly HttpDownloader http;

    /// <summary>A client of the Hub that <paramref name="settings"/> name; <paramref name="handler"/> replaces the HTTP stack (tests).</summary>
    public HubClient(HubSettings settings, HttpMessageHandler? handler = null)
    {
        Settings = settings;
        Cache = new HubCache(settings.CacheDirectory);
        http = new HttpDownloader(settings.Token, settings.Endpoint, settings.Retry, handler);
    }

    /// <summary>Endpoint, token, cache folder and retries.</summary>
    public HubSettings Settings { get; }

    /// <summary>The local cache files are downloaded into.</summary>
    public HubCache Cache { get; }

    /// <summary>The commit <paramref name="revision"/> (a branch, tag or commit) names, and its files.</summary>
    public HubRepoInfo Info(HubRepo repo, string revision)
    {
        using var response = Retrying(repo.ToString(), () => http.Send(HttpMethod.Get, Url(repo.InfoPath(revision)), crossHost: false));
        Check(response, repo, revision, file: null);
        try
        {
            using var json = JsonDocument.Parse(response.Content.ReadAsStream());
            var root = json.RootElement;
            var commit = root.GetProperty("sha").GetString() ?? throw new JsonException("'sha' is null");
            var files = root.TryGetProperty("siblings", out var siblings)
                ? siblings.EnumerateArray().Select(File).ToList()
                : [];
            return new HubRepoInfo(commit, files);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FetchException($"{repo}: {Settings.Endpoint} answered the file list with something that is not the Hub's JSON ({e.Message})", inner: e);
        }
    }

    /// <summary>Downloads <paramref name="files"/> of <paramref name="info"/>'s commit into the cache (blobs
    /// already there are kept), links them into the snapshot, and records <paramref name="revision"/>'s commit.</summary>
    public FetchedSnapshot Download(HubRepo repo, string revision, HubRepoInfo info, IReadOnlyList<HubRepoFile> files, IDownloadProgress progress)
    {
        long downloaded = 0;
        // Small files first: an interrupted fetch has the config and tokenizer, and big files resume.
        foreach (var file in files.OrderBy(f => f.Size ?? long.MaxValue).ThenBy(f => f.Name, StringComparer.Ordinal))
        {
            var metadata = Head(repo, info.Commit, file.Name);
            if (metadata.Commit is { } served && served != info.Commit)
                throw new FetchException($"{repo}: {file.Name} was served from commit {served}, not {info.Commit}; fetch again");
            var blob = Cache.Blob(repo, metadata.Etag);
            if (System.IO.File.Exists(blob))
            {
                progress.Started(file.Name, new FileInfo(blob).Length, new FileInfo(blob).Length);
                progress.Finished(file.Name);
            }
            else
            {
                var expected = new ExpectedContent(file.Size ?? metadata.Size, file.Sha256 ?? metadata.LfsSha256, file.Sha256 is null ? file.BlobId : null);
                var before = System.IO.File.Exists(blob + ".incomplete") ? new FileInfo(blob + ".incomplete").Length : 0;
                downloaded += http.Download(metadata.Location, blob, expected, file.Name, progress).Size - before;
            }

            Cache.Link(repo, info.Commit, file.Name, blob);
        }

        Cache.WriteRef(repo, revision, info.Commit);
        return new FetchedSnapshot(repo, info.Commit, Cache.Snapshot(repo, info.Commit), files.Select(f => f.Name).ToList(), downloaded);
    }

    /// <summary>What a HEAD on the file's resolve URL says.</summary>
    private sealed record FileMetadata(string Etag, string? Commit, long? Size, string? LfsSha256, Uri Location);

    private FileMetadata Head(HubRepo repo, string commit, string file)
    {
        var url = Url(repo.ResolvePath(commit, file));
        using var response = Retrying(file, () => http.Send(HttpMethod.Head, url, crossHost: false));
        var redirected = (int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is not null;
        if (!redirected) Check(response, repo, commit, file);
        var linked = Header(response, "X-Linked-Etag");
        var etag = Normalize(linked ?? response.Headers.ETag?.Tag)
                   ?? throw new FetchException($"{repo}: {url} answered without an ETag; is HF_ENDPOINT ({Settings.Endpoint}) a Hub?");
        var size = long.TryParse(Header(response, "X-Linked-Size"), CultureInfo.InvariantCulture, out var linkedSize) ? linkedSize : response.Content.Headers.ContentLength;
        var location = redirected ? (response.Headers.Location!.IsAbsoluteUri ? response.Headers.Location : new Uri(url, response.Headers.Location)) : url;
        // An LFS file's linked ETag is its SHA-256.
        var sha256 = linked is not null && etag.Length == 64 && etag.All(Uri.IsHexDigit) ? etag : null;
        return new FileMetadata(etag, Header(response, "X-Repo-Commit"), size, sha256, location);
    }

    /// <summary>Turns the Hub's refusals into one line that says what to do (its X-Error-Code names the case).</summary>
    private void Check(HttpResponseMessage response, HubRepo repo, string revision, string? file)
    {
        if (response.IsSuccessStatusCode) return;
        var code = Header(response, "X-Error-Code");
        var page = new Uri(Settings.Endpoint, repo.PagePath);
        var what = file is null ? $"{repo}" : $"{repo}: {file}";
        var message = (response.StatusCode, code) switch
        {
            (_, "GatedRepo") => Settings.Token is null
                ? $"{repo} is gated: accept its licence at {page} and set HF_TOKEN to a token of that account"
                : $"{repo} is gated and the token in HF_TOKEN has no access yet: accept its licence at {page} with that account",
            (_, "RepoNotFound") or (HttpStatusCode.Unauthorized, _) => Settings.Token is null
                ? $"{repo} was not found on {Settings.Endpoint}: check the id; a private or gated model needs HF_TOKEN"
                : $"{repo} was not found on {Settings.Endpoint}, or the token in HF_TOKEN may not read it: check the id",
            (_, "RevisionNotFound") => $"{repo} has no revision '{revision}' (a branch, tag or commit)",
            (_, "EntryNotFound") => $"{what} does not exist at revision {revision}",
            _ => null,
        };
        if (message is not null) throw new FetchException(message, response.StatusCode);
        HttpDownloader.EnsureSuccess(response, what);
    }

    private HttpResponseMessage Retrying(string label, Func<HttpResponseMessage> send)
    {
        for (var attempt = 1; ; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                response = send();
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                if (attempt >= Settings.Retry.Attempts)
                    throw new FetchException($"{label}: {Settings.Endpoint} cannot be reached ({e.Message.ReplaceLineEndings(" ")}); check the network, or HF_ENDPOINT", inner: e);
                Thread.Sleep(Settings.Retry.Delay);
                continue;
            }

            if (((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests) && attempt < Settings.Retry.Attempts)
            {
                response.Dispose();
                Thread.Sleep(Settings.Retry.Delay);
                continue;
            }

            return response;
        }
    }

    private Uri Url(string path) => new(Settings.Endpoint, path);

    private static HubRepoFile File(JsonElement sibling)
    {
        var name = sibling.GetProperty("rfilename").GetString()!;
        long? size = sibling.TryGetProperty("size", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetInt64() : null;
        var blobId = sibling.TryGetProperty("blobId", out var b) && b.ValueKind == JsonValueKind.String ? b.GetString() : null;
        string? sha256 = null;
        if (sibling.TryGetProperty("lfs", out var lfs) && lfs.ValueKind == JsonValueKind.Object)
        {
            sha256 = lfs.TryGetProperty("sha256", out var h) ? h.GetString() : null;
            if (lfs.TryGetProperty("size", out var ls) && ls.ValueKind == JsonValueKind.Number) size = ls.GetInt64();
        }

        return new HubRepoFile(name, size, sha256, blobId);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    /// <summary>huggingface_hub's normalisation: without a weak marker and quotes.</summary>
    private static string? Normalize(string? etag) =>
        etag is null ? null : (etag.StartsWith("W/", StringComparison.Ordinal) ? etag[2..] : etag).Trim('"') is { Length: > 0 } tag ? tag : null;

    /// <summary>Closes the HTTP client.</summary>
    public void Dispose() => http.Dispose();
}
