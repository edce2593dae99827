using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Harness.Models.Hub;

/// <summary>
/// HTTP for fetching. Redirects are followed by hand so that the token reaches only the host it belongs to
/// (the Hub answers a large file with a 302 to a CDN, which must not see it), and a download goes to
/// `DESTINATION.incomplete` first: after a dropped connection the next try (or the next fetch) asks for the
/// rest with a Range header. The file takes its final name only once its size and checksums match.
/// </summary>
public sealed class HttpDownloader : IDisposable
{
    private const int MaxRedirects = 10;
    private const int BufferSize = 1 << 20;

    /// <summary>A body that sends nothing for this long is a dead connection: the try ends and the next resumes.
    /// (HttpClient's timeout covers the headers only, and a stalled socket would otherwise wait forever.)</summary>
    private static readonly TimeSpan StallTimeout = TimeSpan.FromSeconds(60);
    private readonly HttpClient client;
    private readonly string? token;
    private readonly string? tokenAuthority;
    private readonly RetryPolicy retry;

    /// <param name="token">Sent as a bearer token, and only to <paramref name="tokenFor"/>'s host and port.</param>
    /// <param name="handler">The transport (tests may pass their own); redirects are never followed by it.</param>
    public HttpDownloader(string? token = null, Uri? tokenFor = null, RetryPolicy? retry = null, HttpMessageHandler? handler = null)
    {
        this.token = string.IsNullOrEmpty(token) ? null : token;
        tokenAuthority = tokenFor?.GetLeftPart(UriPartial.Authority);
        this.retry = retry ?? RetryPolicy.Default;
        client = new HttpClient(handler ?? new SocketsHttpHandler { AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None })
        {
            // Headers must come within this time; a body may take as long as it takes (ResponseHeadersRead).
            Timeout = TimeSpan.FromSeconds(100),
        };
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("harness", "1.0"));
        client.DefaultRequestHeaders.AcceptEncoding.Add(new StringWithQualityHeaderValue("identity"));
    }

    /// <summary>Sends a request, following redirects to the same host always and to other hosts only when
    /// <paramref name="crossHost"/> (then without the token). A redirect not followed is returned as it came.</summary>
    public HttpResponseMessage Send(HttpMethod method, Uri uri, bool crossHost = true, RangeHeaderValue? range = null)
    {
        for (var hop = 0; ; hop++)
        {
            using var request = new HttpRequestMessage(method, uri);
            if (token is not null && uri.GetLeftPart(UriPartial.Authority) == tokenAuthority)
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Range = range;
            var response = client.Send(request, HttpCompletionOption.ResponseHeadersRead);
#pragma warning disable IDISP011, IDISP017 // returned undisposed to the caller, disposed only when a redirect is followed
            if ((int)response.StatusCode is < 300 or >= 400 || response.Headers.Location is not { } location) return response;
            var next = location.IsAbsoluteUri ? location : new Uri(uri, location);
            if (!crossHost && next.GetLeftPart(UriPartial.Authority) != uri.GetLeftPart(UriPartial.Authority)) return response;
            response.Dispose();
#pragma warning restore IDISP011, IDISP017
            if (hop == MaxRedirects) throw new FetchException($"{uri}: more than {MaxRedirects} redirects");
            uri = next;
        }
    }

    /// <summary>Downloads <paramref name="uri"/> to <paramref name="destination"/> through
    /// `destination.incomplete`, resuming what an earlier try left there, and checks it against
    /// <paramref name="expected"/>; a file that fails the check is deleted. <paramref name="label"/> names it in
    /// progress and errors.</summary>
    public DownloadedFile Download(Uri uri, string destination, ExpectedContent expected, string label, IDownloadProgress progress)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(destination))!);
        var partial = destination + ".incomplete";
        string sha256, gitSha1;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                (sha256, gitSha1) = Transfer(uri, partial, expected, label, progress);
                break;
            }
            catch (Exception e) when (Transient(e) && attempt < retry.Attempts)
            {
                progress.Retrying(label, Describe(e));
                Thread.Sleep(retry.Delay);
            }
            catch (Exception e) when (Transient(e))
            {
                throw new FetchException($"{label}: the download broke off {attempt} times ({Describe(e)}); " +
                                         $"what arrived is kept in {partial} and the next fetch resumes it", inner: e);
            }
        }

        var size = new FileInfo(partial).Length;
        string? problem = null;
        if (expected.Size is { } wanted && size != wanted) problem = $"is {size} bytes, the source says {wanted}";
        else if (expected.Sha256 is { } hash && !hash.Equals(sha256, StringComparison.OrdinalIgnoreCase)) problem = $"has SHA-256 {sha256}, the source says {hash}";
        else if (expected.GitBlobSha1 is { } blob && !blob.Equals(gitSha1, StringComparison.OrdinalIgnoreCase)) problem = $"has git blob id {gitSha1}, the source says {blob}";
        if (problem is not null)
        {
            File.Delete(partial);
            throw new FetchException($"{label}: the downloaded file {problem}; it was deleted, fetch again (a persistent mismatch means the source changed)");
        }

        File.Move(partial, destination, overwrite: true);
        progress.Finished(label);
        return new DownloadedFile(destination, size, sha256);
    }

    /// <summary>One try: asks for the bytes <paramref name="partial"/> lacks and appends them; returns the
    /// whole file's SHA-256 and git blob SHA-1 (empty when the size is unknown up front).</summary>
    private (string Sha256, string GitSha1) Transfer(Uri uri, string partial, ExpectedContent expected, string label, IDownloadProgress progress)
    {
        FileStream file;
        try
        {
            // FileShare.None takes a lock: a second fetch of the same file fails here instead of interleaving bytes.
            file = new FileStream(partial, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, BufferSize);
        }
        catch (IOException e)
        {
            throw new FetchException($"{label}: {partial} is being written by another fetch ({e.Message})", inner: e);
        }

        using (file)
        {
            if (expected.Size is { } size && file.Length > size) file.SetLength(0); // not a prefix of this file
            var have = file.Length;
            if (have > 0 && have == expected.Size) return Hashes(file, expected, Stream.Null, progress, label, have);

            using var response = Send(HttpMethod.Get, uri, range: have > 0 ? new RangeHeaderValue(have, null) : null);
            if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable && have > 0 && expected.Size is null)
                return Hashes(file, expected, Stream.Null, progress, label, have); // the server says we have it all
            EnsureSuccess(response, label);
            if (response.StatusCode == HttpStatusCode.PartialContent)
            {
                if (response.Content.Headers.ContentRange?.From != have)
                    throw new FetchException($"{label}: the server answered a request for bytes from {have} with another range");
            }
            else
            {
                have = 0; // the server sent the whole file
                file.SetLength(0);
            }

            using var body = response.Content.ReadAsStream();
            var total = expected.Size ?? (response.Content.Headers.ContentLength is { } length ? have + length : null);
            return Hashes(file, expected with { Size = total }, body, progress, label, have);
        }
    }

    /// <summary>Hashes what <paramref name="file"/> holds, then appends <paramref name="body"/> to it, hashing
    /// and reporting as it goes.</summary>
    private static (string Sha256, string GitSha1) Hashes(FileStream file, ExpectedContent expected, Stream body, IDownloadProgress progress, string label, long have)
    {
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var sha1 = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        // git hashes "blob SIZE\0" then the content; without the size up front that id cannot be computed.
        var gitKnown = expected.Size is not null;
        if (gitKnown) sha1.AppendData(Encoding.ASCII.GetBytes($"blob {expected.Size}\0"));
        var buffer = new byte[BufferSize];
        file.Position = 0;
        for (int read; (read = file.Read(buffer)) > 0;)
        {
            sha256.AppendData(buffer, 0, read);
            if (gitKnown) sha1.AppendData(buffer, 0, read);
        }

        progress.Started(label, have, expected.Size);
        using var stall = new CancellationTokenSource();
        while (true)
        {
            stall.CancelAfter(StallTimeout);
            var read = body.ReadAsync(buffer, stall.Token).AsTask().GetAwaiter().GetResult();
            if (read == 0) break;
            file.Write(buffer, 0, read);
            sha256.AppendData(buffer, 0, read);
            if (gitKnown) sha1.AppendData(buffer, 0, read);
            progress.Advanced(label, read);
        }

        file.Flush(flushToDisk: true);
        return (Convert.ToHexStringLower(sha256.GetHashAndReset()), gitKnown ? Convert.ToHexStringLower(sha1.GetHashAndReset()) : "");
    }

    /// <summary>Throws for an error status: a transient one (5xx, 429) as <see cref="HttpRequestException"/>
    /// so the download retries, any other as a <see cref="FetchException"/> carrying the status.</summary>
    public static void EnsureSuccess(HttpResponseMessage response, string label)
    {
        if (response.IsSuccessStatusCode) return;
        var status = (int)response.StatusCode;
        if (status >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests)
            throw new HttpRequestException($"HTTP {status} {response.ReasonPhrase}", null, response.StatusCode);
        throw new FetchException($"{label}: {response.RequestMessage?.RequestUri} answered HTTP {status} {response.ReasonPhrase}", response.StatusCode);
    }

    private static bool Transient(Exception e) => e is HttpRequestException or OperationCanceledException || (e is IOException && e is not FetchException);

    private static string Describe(Exception e) => (e.InnerException is { } inner && e is HttpRequestException ? $"{e.Message} {inner.Message}" : e.Message).ReplaceLineEndings(" ");

    /// <summary>Closes the HTTP client.</summary>
    public void Dispose() => client.Dispose();
}
