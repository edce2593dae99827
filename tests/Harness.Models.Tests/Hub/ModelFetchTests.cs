using System.Text;
using Harness.Models.Hub;

namespace Harness.Models.Tests.Hub;

/// <summary>`harness fetch model` against a Hub on the loopback address (<see cref="FakeHub"/>): the cache
/// layout huggingface_hub writes and <see cref="ModelLocator"/> reads, the files a model needs and no pickles,
/// the token for the Hub and never for its CDN, resumed transfers, and checked checksums.</summary>
[TestFixture]
[Fast]
public sealed class ModelFetchTests
{
    private const string Commit = "0123456789abcdef0123456789abcdef01234567";
    private static readonly byte[] Weights = Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7 % 251)).ToArray();

    private FakeHub hub = null!;
    private string cache = null!;

    [SetUp]
    public void StartTheHub()
    {
        hub = new FakeHub();
        cache = Path.Combine(Path.GetTempPath(), "harness-hub-" + Guid.NewGuid().ToString("N"));
    }

    [TearDown]
    public void Stop()
    {
        hub.Dispose();
        if (Directory.Exists(cache)) Directory.Delete(cache, recursive: true);
    }

    private static Dictionary<string, byte[]> TinyRepository() => new()
    {
        ["config.json"] = Encoding.UTF8.GetBytes("""{"model_type": "gpt2"}"""),
        ["tokenizer.json"] = Encoding.UTF8.GetBytes("""{"model": {"type": "WordLevel"}}"""),
        ["model.safetensors"] = Weights,
        ["pytorch_model.bin"] = [1, 2, 3],
        ["onnx/model.onnx"] = [4, 5, 6],
        [".gitattributes"] = Encoding.UTF8.GetBytes("*.safetensors filter=lfs"),
    };

    private FetchedSnapshot Fetch(string id, string revision = "main", string? token = null, int attempts = 3) =>
        Fetch(new HubSettings(hub.Endpoint, token, cache) { Retry = new RetryPolicy(attempts, TimeSpan.Zero) }, id, revision);

    private static FetchedSnapshot Fetch(HubSettings settings, string id, string revision = "main")
    {
        using var client = new HubClient(settings);
        return ModelFetcher.Fetch(client, id, revision, IDownloadProgress.None);
    }

    private string RepoFolder(string id) => Path.Combine(cache, "models--" + id.Replace("/", "--"));

    [Test]
    public void A_fetch_fills_the_cache_layout_that_the_model_locator_reads()
    {
        hub.Add(new FakeRepo("test-org/tiny", dataset: false, Commit, TinyRepository()));

        var fetched = Fetch("test-org/tiny");

        var snapshot = Path.Combine(RepoFolder("test-org/tiny"), "snapshots", Commit);
        Assert.Multiple(() =>
        {
            Assert.That(fetched.Folder, Is.EqualTo(snapshot));
            Assert.That(File.ReadAllText(Path.Combine(RepoFolder("test-org/tiny"), "refs", "main")), Is.EqualTo(Commit));
            Assert.That(File.ReadAllBytes(Path.Combine(snapshot, "model.safetensors")), Is.EqualTo(Weights));
            Assert.That(new FileInfo(Path.Combine(snapshot, "model.safetensors")).LinkTarget, Is.EqualTo(Path.Combine("..", "..", "blobs", FakeRepo.Sha256(Weights))),
                "an LFS file's blob is named by its SHA-256, linked relatively from the snapshot");
            Assert.That(File.Exists(Path.Combine(RepoFolder("test-org/tiny"), "blobs", FakeRepo.GitBlobId(TinyRepository()["config.json"]))),
                "a small file's blob is named by its ETag, the git blob id");
        });
        WithCache(() => Assert.That(ModelLocator.Resolve("test-org/tiny"), Is.EqualTo(snapshot)));
    }

    [Test]
    public void Only_the_files_the_harness_reads_are_fetched_never_pickles()
    {
        hub.Add(new FakeRepo("test-org/tiny", dataset: false, Commit, TinyRepository()));

        var fetched = Fetch("test-org/tiny");

        Assert.That(fetched.Files, Is.EquivalentTo(new[] { "config.json", "tokenizer.json", "model.safetensors" }));
        Assert.That(hub.Requests.Select(r => r.Path), Has.None.Contains("pytorch_model.bin").And.None.Contains("onnx"));
        Assert.That(ModelFetcher.Wanted("model-00001-of-00002.safetensors") && ModelFetcher.Wanted("model.safetensors.index.json") && ModelFetcher.Wanted("LICENSE"));
        Assert.That(ModelFetcher.Wanted("pytorch_model.bin.index.json") || ModelFetcher.Wanted("tf_model.h5") || ModelFetcher.Wanted("original/consolidated.00.pth"), Is.False);
    }

    [Test]
    public void A_repository_with_only_pickled_weights_is_refused_naming_them()
    {
        var files = TinyRepository();
        files.Remove("model.safetensors");
        hub.Add(new FakeRepo("old/pickled", dataset: false, Commit, files));

        var e = Assert.Throws<FetchException>(() => Fetch("old/pickled"))!;

        Assert.That(e.Message, Does.Contain("has no .safetensors weights").And.Contain("pytorch_model.bin").And.Contain("--revision"));
    }

    [Test]
    public void The_token_goes_to_the_Hub_and_never_to_the_CDN_of_a_gated_model()
    {
        hub.Add(new FakeRepo("meta/gated", dataset: false, Commit, TinyRepository()) { Gated = true });

        Fetch("meta/gated", token: FakeHub.Token);

        var requests = hub.Requests;
        Assert.That(requests.Where(r => r.Path.Contains("/resolve/")).Select(r => r.Header("Authorization")), Is.All.EqualTo($"Bearer {FakeHub.Token}"));
        Assert.That(requests.Where(r => r.Path.StartsWith("/cdn/", StringComparison.Ordinal)).Select(r => r.Header("Authorization")), Is.Not.Empty.And.All.Null,
            "the 302 to the CDN crosses origins: the CDN (like S3) refuses a second credential and must not see the token");
    }

    [Test]
    public void A_gated_model_without_a_token_says_where_to_accept_the_licence_and_to_set_HF_TOKEN()
    {
        hub.Add(new FakeRepo("meta/gated", dataset: false, Commit, TinyRepository()) { Gated = true });

        var e = Assert.Throws<FetchException>(() => Fetch("meta/gated"))!;

        Assert.That(e.Message, Is.EqualTo($"meta/gated is gated: accept its licence at {hub.Endpoint}meta/gated and set HF_TOKEN to a token of that account"));
    }

    [Test]
    public void An_unknown_model_or_revision_is_one_line_naming_it()
    {
        hub.Add(new FakeRepo("test-org/tiny", dataset: false, Commit, TinyRepository()));

        Assert.That(Assert.Throws<FetchException>(() => Fetch("test-org/nope"))!.Message, Does.StartWith("test-org/nope was not found on").And.Contain("check the id"));
        Assert.That(Assert.Throws<FetchException>(() => Fetch("test-org/tiny", "v9"))!.Message, Is.EqualTo("test-org/tiny has no revision 'v9' (a branch, tag or commit)"));
    }

    [Test]
    public void A_transfer_cut_off_midway_resumes_with_a_Range_request()
    {
        hub.Add(new FakeRepo("test-org/tiny", dataset: false, Commit, TinyRepository()));
        hub.CutNextTransfers("model.safetensors", bytes: 100_000);

        var fetched = Fetch("test-org/tiny");

        Assert.That(File.ReadAllBytes(Path.Combine(fetched.Folder, "model.safetensors")), Is.EqualTo(Weights));
        Assert.That(hub.TransfersOf("model.safetensors"), Is.EqualTo(new[] { null, "bytes=100000-" }));
    }

    [Test]
    public void A_partial_download_left_by_a_failed_fetch_is_resumed_by_the_next_fetch()
    {
        hub.Add(new FakeRepo("test-org/tiny", dataset: false, Commit, TinyRepository()));
        hub.CutNextTransfers("model.safetensors", bytes: 120_000);

        var e = Assert.Throws<FetchException>(() => Fetch("test-org/tiny", attempts: 1))!;
        var partial = Path.Combine(RepoFolder("test-org/tiny"), "blobs", FakeRepo.Sha256(Weights) + ".incomplete");
        Assert.That(e.Message, Does.StartWith("model.safetensors: the download broke off 1 times").And.Contain(partial));
        Assert.That(new FileInfo(partial).Length, Is.EqualTo(120_000));

        var fetched = Fetch("test-org/tiny", attempts: 1);

        Assert.That(File.ReadAllBytes(Path.Combine(fetched.Folder, "model.safetensors")), Is.EqualTo(Weights));
        Assert.That(hub.TransfersOf("model.safetensors"), Is.EqualTo(new[] { null, "bytes=120000-" }));
        Assert.That(fetched.DownloadedBytes, Is.EqualTo(Weights.Length - 120_000), "the second fetch brought only the missing part");
        Assert.That(File.Exists(partial), Is.False);
    }

    [Test]
    public void A_second_fetch_finds_everything_in_the_cache_and_downloads_nothing()
    {
        hub.Add(new FakeRepo("test-org/tiny", dataset: false, Commit, TinyRepository()));
        Fetch("test-org/tiny");

        var again = Fetch("test-org/tiny");

        Assert.That(again.DownloadedBytes, Is.Zero);
        Assert.That(hub.TransfersOf("model.safetensors"), Has.Count.EqualTo(1));
    }

    [Test]
    public void A_file_whose_SHA256_differs_from_the_Hubs_is_deleted_and_reported()
    {
        hub.Add(new FakeRepo("test-org/tiny", dataset: false, Commit, TinyRepository())
        {
            Serve = (name, content) => name == "model.safetensors" ? [.. content[..^1], (byte)(content[^1] ^ 1)] : content,
        });

        var e = Assert.Throws<FetchException>(() => Fetch("test-org/tiny"))!;

        Assert.That(e.Message, Does.StartWith("model.safetensors: the downloaded file has SHA-256").And.Contain($"the source says {FakeRepo.Sha256(Weights)}"));
        Assert.That(Directory.GetFiles(Path.Combine(RepoFolder("test-org/tiny"), "blobs")).Select(Path.GetFileName), Has.None.StartsWith(FakeRepo.Sha256(Weights)));
    }

    [Test]
    public void A_small_file_is_checked_against_its_git_blob_id()
    {
        hub.Add(new FakeRepo("test-org/tiny", dataset: false, Commit, TinyRepository())
        {
            Serve = (name, content) => name == "config.json" ? Encoding.UTF8.GetBytes("""{"model_type": "gpt3"}""") : content,
        });

        var e = Assert.Throws<FetchException>(() => Fetch("test-org/tiny"))!;

        Assert.That(e.Message, Does.StartWith("config.json: the downloaded file has git blob id"));
    }

    [Test]
    public void A_branch_other_than_main_gets_its_ref_and_a_commit_needs_none()
    {
        hub.Add(new FakeRepo("test-org/tiny", dataset: false, Commit, TinyRepository()) { Branches = ["main", "v1.0"] });

        Fetch("test-org/tiny", "v1.0");
        Fetch("test-org/tiny", Commit);

        var refs = Path.Combine(RepoFolder("test-org/tiny"), "refs");
        Assert.That(Directory.GetFiles(refs).Select(Path.GetFileName), Is.EqualTo(new[] { "v1.0" }));
        Assert.That(File.ReadAllText(Path.Combine(refs, "v1.0")), Is.EqualTo(Commit));
    }

    [Test]
    [NonParallelizable]
    public void The_endpoint_token_and_cache_come_from_HF_ENDPOINT_HF_TOKEN_and_HF_HUB_CACHE()
    {
        hub.Add(new FakeRepo("meta/gated", dataset: false, Commit, TinyRepository()) { Gated = true });
        var names = new[] { "HF_ENDPOINT", "HF_TOKEN", "HF_HUB_CACHE" };
        var previous = names.Select(Environment.GetEnvironmentVariable).ToArray();
        try
        {
            Environment.SetEnvironmentVariable("HF_ENDPOINT", hub.Endpoint.ToString().TrimEnd('/'));
            Environment.SetEnvironmentVariable("HF_TOKEN", FakeHub.Token);
            Environment.SetEnvironmentVariable("HF_HUB_CACHE", cache);

            var settings = HubSettings.FromEnvironment();
            var fetched = Fetch(settings with { Retry = new RetryPolicy(1, TimeSpan.Zero) }, "meta/gated");

            Assert.That((settings.Endpoint, settings.Token, settings.CacheDirectory), Is.EqualTo((hub.Endpoint, FakeHub.Token, cache)));
            Assert.That(ModelLocator.Resolve("meta/gated"), Is.EqualTo(fetched.Folder));
        }
        finally
        {
            for (var i = 0; i < names.Length; i++) Environment.SetEnvironmentVariable(names[i], previous[i]);
        }
    }

    [TestCase("gpt2", true)]
    [TestCase("EleutherAI/gpt-j-6b", true)]
    [TestCase("a/b/c", false)]
    [TestCase("../etc", false)]
    [TestCase("org--name", false)]
    [TestCase("", false)]
    public void Repository_ids_follow_the_Hubs_rule(string id, bool valid) => Assert.That(HubRepo.IsValidId(id), Is.EqualTo(valid));

    private void WithCache(Action body)
    {
        var previous = Environment.GetEnvironmentVariable("HF_HUB_CACHE");
        Environment.SetEnvironmentVariable("HF_HUB_CACHE", cache);
        try
        {
            body();
        }
        finally
        {
            Environment.SetEnvironmentVariable("HF_HUB_CACHE", previous);
        }
    }
}
