using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Harness.Models.Hub;
using System.Globalization;

namespace Harness.Data.Catalog;

/// <summary>A fetched dataset: its data.jsonl, the rows in it, and how many bytes came over the network.</summary>
public sealed record FetchedDataset(string Name, string File, int Rows, long DownloadedBytes);

/// <summary>
/// `harness fetch dataset NAME`: downloads the catalog's pinned source files into CACHE/NAME/raw (each
/// checked against its size and SHA-256, partial downloads resumed), copies the sources' licence files
/// beside them (or writes the licence statement when a source publishes none), converts the sources into
/// CACHE/NAME/data.jsonl (written whole or not at all, with the row count the catalog expects) and records
/// where it all came from in SOURCE.md.
/// </summary>
public sealed class DatasetFetcher : IDisposable
{
    /// <summary>A mirror of raw.githubusercontent.com (the tests' loopback server), as HF_ENDPOINT is for the Hub.</summary>
    public const string GitHubRawVariable = "HARNESS_GITHUB_RAW";

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly HttpDownloader http;
    private readonly HubSettings hub;
    private readonly Uri gitHubRaw;
    private readonly string root;

    /// <summary>A fetcher writing under the cache folder <paramref name="root"/>, taking GitHub files from <paramref name="gitHubRaw"/>
    /// and Hub files as <paramref name="hub"/> says (endpoint, token, retries).</summary>
    public DatasetFetcher(string root, Uri gitHubRaw, HubSettings hub)
    {
        this.root = root;
        this.gitHubRaw = gitHubRaw;
        this.hub = hub;
        http = new HttpDownloader(retry: hub.Retry);
    }

    /// <summary>A fetcher for <see cref="DatasetCache.Root"/>, HARNESS_GITHUB_RAW (default: raw.githubusercontent.com) and the
    /// Hub settings of the environment (HF_ENDPOINT, HF_TOKEN).</summary>
    public static DatasetFetcher FromEnvironment()
    {
        var raw = Environment.GetEnvironmentVariable(GitHubRawVariable) is { Length: > 0 } mirror ? mirror : GitHubFile.DefaultRawHost;
        if (!Uri.TryCreate(raw.TrimEnd('/') + "/", UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new FetchException($"{GitHubRawVariable} '{raw}' is not an http(s) URL");
        return new DatasetFetcher(DatasetCache.Root, uri, HubSettings.FromEnvironment());
    }

    /// <summary>Downloads, checks, converts and records <paramref name="source"/> (see the class summary); throws
    /// <see cref="FetchException"/> for a source the catalog cannot download.</summary>
    public FetchedDataset Fetch(DatasetSource source, IDownloadProgress progress)
    {
        if (source.Conversion is null)
            throw new FetchException($"dataset '{source.Name}' cannot be fetched: {source.Unavailable}; bring the file yourself with `path:` (reader: {source.Reader})");
        var folder = Path.Combine(root, source.Name);
        long downloaded = 0;
        string Get(SourceFile file, string into)
        {
            var (path, bytes) = Download(source, file, into, progress);
            downloaded += bytes;
            return path;
        }

        var files = source.Files.Select(f => Get(f, Path.Combine(folder, "raw"))).ToList();
        foreach (var licence in source.Licence.Files) Get(licence, folder);
        if (source.Licence.Files.Count == 0)
            File.WriteAllText(Path.Combine(folder, "LICENSE"), $"{source.Name}: {source.Description}\n\nLicence: {source.Licence.Statement}.\n" +
                                                               $"The sources publish no licence file; this statement is the harness catalog's (docs/datasets.md).\n");
        var file = DatasetCache.FileOf(source.Name, root);
        var rows = Convert(source, files, file);
        File.WriteAllText(Path.Combine(folder, "SOURCE.md"), Provenance(source, file, rows));
        return new FetchedDataset(source.Name, file, rows, downloaded);
    }

    /// <summary>A source file in <paramref name="folder"/>, downloaded unless a checked copy is there; the bytes that came.</summary>
    private (string Path, long Bytes) Download(DatasetSource source, SourceFile file, string folder, IDownloadProgress progress)
    {
        var label = $"{source.Name}/{file.Name}";
        var path = Path.Combine(folder, file.Name);
        if (Matches(path, file))
        {
            progress.Started(label, file.Size, file.Size);
            progress.Finished(label);
            return (path, 0);
        }

        switch (file)
        {
            case GitHubFile github:
                var before = File.Exists(path + ".incomplete") ? new FileInfo(path + ".incomplete").Length : 0;
                http.Download(github.Url(gitHubRaw), path, new ExpectedContent(file.Size, file.Sha256), label, progress);
                return (path, file.Size - before);
            case HubDatasetFile hubFile:
                // Through the Hugging Face cache, as the datasets library would; then checked against the catalog's pin.
                using (var client = new HubClient(hub))
                {
                    var repo = HubRepo.Dataset(hubFile.Repository);
                    var info = client.Info(repo, hubFile.Revision);
                    var listed = info.Files.FirstOrDefault(f => f.Name == hubFile.FilePath)
                                 ?? throw new FetchException($"{label}: {repo} has no file {hubFile.FilePath} at {hubFile.Revision}");
                    var snapshot = client.Download(repo, hubFile.Revision, info, [listed], progress);
                    var cached = Path.Combine(snapshot.Folder, hubFile.FilePath);
                    if (!Matches(cached, file))
                        throw new FetchException($"{label}: {hubFile.Citation} is not the file the catalog pins (SHA-256 {file.Sha256}); the dataset changed on the Hub");
                    Directory.CreateDirectory(folder);
                    File.Copy(cached, path, overwrite: true);
                    return (path, snapshot.DownloadedBytes);
                }

            default:
                throw new NotSupportedException(file.GetType().Name);
        }
    }

    private static bool Matches(string path, SourceFile file)
    {
        if (!File.Exists(path)) return false;
        using var stream = File.OpenRead(path); // its length, not a symlink's (the Hugging Face cache links to blobs)
        return stream.Length == file.Size && System.Convert.ToHexStringLower(SHA256.HashData(stream)) == file.Sha256;
    }

    /// <summary>Writes the converted rows to data.jsonl (through a temporary file, so a failed conversion
    /// leaves any earlier data.jsonl as it was) and checks their count.</summary>
    private static int Convert(DatasetSource source, IReadOnlyList<string> files, string destination)
    {
        var temporary = destination + ".tmp";
        var rows = 0;
        try
        {
            using (var writer = new StreamWriter(temporary, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
                foreach (var row in source.Conversion!(files))
                {
                    writer.Write(row.ToJsonString(Json));
                    writer.Write('\n');
                    rows++;
                }
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or InvalidOperationException or KeyNotFoundException or IndexOutOfRangeException or FormatException)
        {
            File.Delete(temporary);
            throw new FetchException($"dataset '{source.Name}': converting its sources failed ({e.Message}); they match their pinned SHA-256s, so this is a harness bug: report it", inner: e);
        }

        if (rows != source.Rows)
        {
            File.Delete(temporary);
            throw new FetchException($"dataset '{source.Name}': the conversion gave {rows} rows, the catalog expects {source.Rows}; a harness bug: report it");
        }

        File.Move(temporary, destination, overwrite: true);
        return rows;
    }

    private static string Provenance(DatasetSource source, string file, int rows)
    {
        using var stream = File.OpenRead(file);
        var sha = System.Convert.ToHexStringLower(SHA256.HashData(stream));
        var text = new StringBuilder($"# {source.Name}\n\n{source.Description}.\n\n");
        text.Append(CultureInfo.InvariantCulture, $"`data.jsonl`: {rows} rows for the reader `{source.Reader}`, SHA-256 {sha}, converted by `harness fetch dataset {source.Name}` " +
                    $"on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC from:\n\n| file | source | bytes | SHA-256 |\n|---|---|---|---|\n");
        foreach (var f in source.Files.Concat(source.Licence.Files))
            text.Append(CultureInfo.InvariantCulture, $"| {f.Name} | {f.Citation} | {f.Size} | {f.Sha256} |\n");
        text.Append($"\nLicence: {source.Licence.Statement}.\n");
        if (source.Notes.Length > 0) text.Append($"\nNotes: {source.Notes}.\n");
        return text.ToString();
    }

    /// <summary>Closes the HTTP client.</summary>
    public void Dispose() => http.Dispose();
}
