using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Harness.TestSupport;

/// <summary>A repository of the <see cref="FakeHub"/>: its files at one commit, which of them are LFS files,
/// the branch names that resolve to the commit, and whether it is gated (files need <see cref="FakeHub.Token"/>).</summary>
public sealed class FakeRepo(string id, bool dataset, string commit, IReadOnlyDictionary<string, byte[]> files)
{
    public string Id { get; } = id;

    public bool Dataset { get; } = dataset;

    public string Commit { get; } = commit;

    public IReadOnlyDictionary<string, byte[]> Files { get; } = files;

    /// <summary>Files stored with Git LFS (served through the CDN); *.safetensors by default.</summary>
    public Func<string, bool> IsLfs { get; init; } = name => name.EndsWith(".safetensors", StringComparison.Ordinal);

    public bool Gated { get; init; }

    /// <summary>What is sent for a file instead of its content (a corrupted transfer); the content itself by default.</summary>
    public Func<string, byte[], byte[]> Serve { get; init; } = (_, content) => content;

    public IReadOnlyList<string> Branches { get; init; } = ["main"];

    public static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>git's object id of a blob: SHA-1 of "blob SIZE\0" and the content.</summary>
#pragma warning disable CA5350 // git names blobs by SHA-1; this is an identifier, not security
    public static string GitBlobId(byte[] content) => Convert.ToHexStringLower(SHA1.HashData([.. Encoding.ASCII.GetBytes($"blob {content.Length}\0"), .. content]));
#pragma warning restore CA5350
}

/// <summary>
/// A miniature Hugging Face Hub on the loopback address, with the Hub's URL layout and headers:
/// `api/{models|datasets}/ID/revision/REV` lists the files (sizes, blob ids, LFS SHA-256s);
/// `[datasets/]ID/resolve/REV/FILE` serves a small file with its git blob id as ETag and answers an LFS file
/// with a 302 to the CDN on <see cref="LoopbackHttpServer.OtherOrigin"/> (X-Linked-Etag, X-Linked-Size,
/// X-Repo-Commit); the CDN honours Range and, like S3, refuses requests that carry an Authorization header.
/// Refusals carry the Hub's X-Error-Code. <see cref="CutNextTransfers"/> drops a transfer mid-body.
/// </summary>
public sealed class FakeHub : IDisposable
{
    public const string Token = "hf_fake_token";

    private readonly List<FakeRepo> repos = [];
    private readonly Dictionary<string, (int Bytes, int Count)> cuts = [];
    private readonly LoopbackHttpServer server;

    public FakeHub() => server = new LoopbackHttpServer(Handle);

    public Uri Endpoint => server.Url;

    public IReadOnlyList<LoopbackRequest> Requests => server.Requests.ToList();

    public FakeRepo Add(FakeRepo repo)
    {
        lock (repos) repos.Add(repo);
        return repo;
    }

    /// <summary>The next <paramref name="count"/> transfers of <paramref name="file"/> (any repository) stop after
    /// <paramref name="bytes"/> body bytes, the connection closed early.</summary>
    public void CutNextTransfers(string file, int bytes, int count = 1)
    {
        lock (cuts) cuts[file] = (bytes, count);
    }

    /// <summary>GET requests for <paramref name="file"/>'s content (the resolve URL's or the CDN's), with their Range headers.</summary>
    public IReadOnlyList<string?> TransfersOf(string file)
    {
        var names = FileNames(file);
        return Requests.Where(r => r.Method == "GET" && names.Any(n => r.Path.EndsWith("/" + n, StringComparison.Ordinal))).Select(r => r.Header("Range")).ToList();
    }

    private List<string> FileNames(string file)
    {
        lock (repos)
            return [file, .. repos.Where(r => r.Files.ContainsKey(file)).Select(r => "cdn/" + FakeRepo.Sha256(r.Files[file]))];
    }

    private LoopbackResponse Handle(LoopbackRequest request)
    {
        var path = request.Path.TrimStart('/');
        if (path.StartsWith("cdn/", StringComparison.Ordinal)) return Cdn(request, path["cdn/".Length..]);
        if (path.StartsWith("api/models/", StringComparison.Ordinal) || path.StartsWith("api/datasets/", StringComparison.Ordinal))
        {
            var dataset = path.StartsWith("api/datasets/", StringComparison.Ordinal);
            var rest = path[(dataset ? "api/datasets/" : "api/models/").Length..];
            var at = rest.IndexOf("/revision/", StringComparison.Ordinal);
            return at < 0 ? Error(404, "EntryNotFound") : Info(Find(rest[..at], dataset), rest[(at + "/revision/".Length)..]);
        }

        var isDataset = path.StartsWith("datasets/", StringComparison.Ordinal);
        if (isDataset) path = path["datasets/".Length..];
        var resolve = path.IndexOf("/resolve/", StringComparison.Ordinal);
        if (resolve < 0) return Error(404, "EntryNotFound");
        var revisionAndFile = path[(resolve + "/resolve/".Length)..];
        var slash = revisionAndFile.IndexOf('/');
        return Resolve(request, Find(path[..resolve], isDataset), revisionAndFile[..slash], revisionAndFile[(slash + 1)..]);
    }

    private FakeRepo? Find(string id, bool dataset)
    {
        lock (repos) return repos.FirstOrDefault(r => r.Id == id && r.Dataset == dataset);
    }

    private static bool Knows(FakeRepo repo, string revision) => revision == repo.Commit || repo.Branches.Contains(revision);

    private static LoopbackResponse Info(FakeRepo? repo, string revision)
    {
        if (repo is null) return Error(404, "RepoNotFound");
        if (!Knows(repo, revision)) return Error(404, "RevisionNotFound");
        var siblings = repo.Files.Select(f => repo.IsLfs(f.Key)
            ? new Dictionary<string, object> { ["rfilename"] = f.Key, ["size"] = f.Value.Length, ["blobId"] = FakeRepo.GitBlobId(Encoding.ASCII.GetBytes("pointer " + f.Key)),
                ["lfs"] = new Dictionary<string, object> { ["sha256"] = FakeRepo.Sha256(f.Value), ["size"] = f.Value.Length, ["pointerSize"] = 134 } }
            : new Dictionary<string, object> { ["rfilename"] = f.Key, ["size"] = f.Value.Length, ["blobId"] = FakeRepo.GitBlobId(f.Value) });
        return LoopbackResponse.Text(200, JsonSerializer.Serialize(new { id = repo.Id, sha = repo.Commit, siblings }),
            new Dictionary<string, string> { ["Content-Type"] = "application/json" });
    }

    private LoopbackResponse Resolve(LoopbackRequest request, FakeRepo? repo, string revision, string file)
    {
        if (repo is null) return Error(404, "RepoNotFound");
        if (!Knows(repo, revision)) return Error(404, "RevisionNotFound");
        if (!repo.Files.TryGetValue(file, out var content)) return Error(404, "EntryNotFound");
        if (repo.Gated && request.Header("Authorization") != $"Bearer {Token}") return Error(401, "GatedRepo");
        var headers = new Dictionary<string, string> { ["X-Repo-Commit"] = repo.Commit };
        if (!repo.IsLfs(file))
        {
            headers["ETag"] = $"\"{FakeRepo.GitBlobId(content)}\"";
            return Cut(request, file, LoopbackResponse.Content(request, repo.Serve(file, content), headers));
        }

        var sha = FakeRepo.Sha256(content);
        headers["ETag"] = $"\"{FakeRepo.GitBlobId(Encoding.ASCII.GetBytes("pointer " + file))}\"";
        headers["X-Linked-Etag"] = $"\"{sha}\"";
        headers["X-Linked-Size"] = content.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        headers["Location"] = new Uri(server.OtherOrigin, $"cdn/{sha}").ToString();
        return new LoopbackResponse(302, [], headers);
    }

    private LoopbackResponse Cdn(LoopbackRequest request, string sha)
    {
        if (request.Port != server.OtherOrigin.Port) return LoopbackResponse.Text(404, "the CDN is on the other origin");
        if (request.Header("Authorization") is not null) return LoopbackResponse.Text(400, "Only one auth mechanism allowed");
        (FakeRepo Repo, string Name, byte[] Content)? found;
        lock (repos) found = repos.SelectMany(r => r.Files.Select(f => (r, f.Key, f.Value))).Cast<(FakeRepo, string, byte[])?>().FirstOrDefault(f => FakeRepo.Sha256(f!.Value.Item3) == sha);
        return found is not { } file ? LoopbackResponse.Text(404, "no such object")
            : Cut(request, file.Name, LoopbackResponse.Content(request, file.Repo.Serve(file.Name, file.Content)));
    }

    private LoopbackResponse Cut(LoopbackRequest request, string file, LoopbackResponse response)
    {
        lock (cuts)
        {
            if (request.Method != "GET" || !cuts.TryGetValue(file, out var cut) || cut.Count == 0) return response;
            cuts[file] = (cut.Bytes, cut.Count - 1);
            return response with { CutAfter = cut.Bytes };
        }
    }

    private static LoopbackResponse Error(int status, string code) =>
        LoopbackResponse.Text(status, $"{{\"error\": \"{code}\"}}", new Dictionary<string, string> { ["X-Error-Code"] = code, ["X-Error-Message"] = code });

    public void Dispose() => server.Dispose();
}
