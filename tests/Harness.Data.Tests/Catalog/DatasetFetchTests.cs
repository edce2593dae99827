using System.Text;
using System.Text.Json.Nodes;
using Harness.Data.Catalog;
using Harness.Models.Hub;

namespace Harness.Data.Tests.Catalog;

/// <summary>`harness fetch dataset` against servers on the loopback address: a repository's raw files at a
/// commit (GitHub's layout) and a dataset repository on a Hub (<see cref="FakeHub"/>). Files are checked
/// against the catalog's SHA-256 before anything is converted; data.jsonl is written whole or not at all,
/// beside the licence and a record of the sources.</summary>
[TestFixture]
[Fast]
public sealed class DatasetFetchTests
{
    private const string Commit = "c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00";
    private static readonly byte[] Lines = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 4000).Select(i => $"prompt number {i}\n")));
    private static readonly byte[] Licence = Encoding.UTF8.GetBytes("MIT License\n\nCopyright (c) the test\n");

    private Dictionary<string, byte[]> served = null!;
    private int cutsLeft;
    private LoopbackHttpServer server = null!;
    private string root = null!;

    [SetUp]
    public void Serve()
    {
        served = new Dictionary<string, byte[]>
        {
            [$"/test-org/prompts/{Commit}/data/prompts.txt"] = Lines,
            [$"/test-org/prompts/{Commit}/LICENSE"] = Licence,
        };
        cutsLeft = 0;
        server = new LoopbackHttpServer(request => served.TryGetValue(request.Path, out var content)
            ? LoopbackResponse.Content(request, content) with { CutAfter = Interlocked.Decrement(ref cutsLeft) >= 0 ? 10_000 : null }
            : LoopbackResponse.Text(404, "404: Not Found"));
        root = Path.Combine(Path.GetTempPath(), "harness-datasets-" + Guid.NewGuid().ToString("N"));
    }

    [TearDown]
    public void Stop()
    {
        server.Dispose();
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    private static IEnumerable<JsonObject> OneRowPerLine(IReadOnlyList<string> files) =>
        File.ReadAllLines(files[0]).Select((line, i) => new JsonObject { ["id"] = $"p-{i}", ["prompt"] = line });

    private static DatasetSource Prompts(string? sha256 = null, int rows = 4000, bool licenceFile = true) =>
        new("prompts", "reagent_wikitext", "test prompts",
            [new GitHubFile("prompts.txt", "test-org/prompts", Commit, "data/prompts.txt", Lines.Length, sha256 ?? FakeRepo.Sha256(Lines))],
            new DatasetLicence("MIT (the repository)", licenceFile ? [new GitHubFile("LICENSE", "test-org/prompts", Commit, "LICENSE", Licence.Length, FakeRepo.Sha256(Licence))] : []),
            OneRowPerLine, rows);

    private FetchedDataset Fetch(DatasetSource source, int attempts = 3, Uri? hub = null)
    {
        using var fetcher = new DatasetFetcher(root, server.Url, new HubSettings(hub ?? server.Url, null, Path.Combine(root, "hf")) { Retry = new RetryPolicy(attempts, TimeSpan.Zero) });
        return fetcher.Fetch(source, IDownloadProgress.None);
    }

    [Test]
    public void A_fetch_checks_the_source_converts_it_and_keeps_its_licence_and_provenance_beside_it()
    {
        var fetched = Fetch(Prompts());

        var folder = Path.Combine(root, "prompts");
        Assert.Multiple(() =>
        {
            Assert.That((fetched.File, fetched.Rows), Is.EqualTo((Path.Combine(folder, "data.jsonl"), 4000)));
            Assert.That(File.ReadLines(fetched.File).First(), Is.EqualTo("""{"id":"p-0","prompt":"prompt number 0"}"""));
            Assert.That(new Harness.Data.Readers.WikiTextReader().Read(fetched.File), Has.Count.EqualTo(4000), "the reader named in the catalog reads it");
            Assert.That(File.ReadAllBytes(Path.Combine(folder, "LICENSE")), Is.EqualTo(Licence));
            Assert.That(File.ReadAllBytes(Path.Combine(folder, "raw", "prompts.txt")), Is.EqualTo(Lines));
            Assert.That(File.ReadAllText(Path.Combine(folder, "SOURCE.md")), Does.Contain($"test-org/prompts@{Commit}:data/prompts.txt | {Lines.Length} | {FakeRepo.Sha256(Lines)}")
                .And.Contain("Licence: MIT (the repository)."));
        });
    }

    [Test]
    public void Without_a_published_licence_file_the_catalogs_statement_is_the_LICENSE()
    {
        Fetch(Prompts(licenceFile: false));

        Assert.That(File.ReadAllText(Path.Combine(root, "prompts", "LICENSE")), Does.Contain("Licence: MIT (the repository).").And.Contain("publish no licence file"));
    }

    [Test]
    public void A_source_whose_SHA256_is_not_the_pinned_one_is_deleted_and_nothing_is_converted()
    {
        var pinned = new string('0', 64);

        var e = Assert.Throws<FetchException>(() => Fetch(Prompts(sha256: pinned)))!;

        Assert.That(e.Message, Does.StartWith($"prompts/prompts.txt: the downloaded file has SHA-256 {FakeRepo.Sha256(Lines)}, the source says {pinned}"));
        Assert.That(Path.Combine(root, "prompts", "raw", "prompts.txt"), Does.Not.Exist);
        Assert.That(Path.Combine(root, "prompts", "data.jsonl"), Does.Not.Exist);
    }

    [Test]
    public void A_download_cut_off_midway_resumes_with_a_Range_request()
    {
        cutsLeft = 1;

        var fetched = Fetch(Prompts());

        Assert.That(fetched.Rows, Is.EqualTo(4000));
        Assert.That(server.Requests.Where(r => r.Path.EndsWith("prompts.txt", StringComparison.Ordinal)).Select(r => r.Header("Range")), Is.EqualTo(new[] { null, "bytes=10000-" }));
    }

    [Test]
    public void A_second_fetch_finds_the_checked_sources_in_place_and_downloads_nothing()
    {
        Fetch(Prompts());

        var again = Fetch(Prompts());

        Assert.That(again.DownloadedBytes, Is.Zero);
        Assert.That(server.Requests, Has.Count.EqualTo(2), "one request per file, all from the first fetch");
    }

    [Test]
    public void A_conversion_with_another_row_count_is_refused_and_the_earlier_data_file_kept()
    {
        Fetch(Prompts());
        var before = File.ReadAllBytes(Path.Combine(root, "prompts", "data.jsonl"));

        var e = Assert.Throws<FetchException>(() => Fetch(Prompts(rows: 3999)))!;

        Assert.That(e.Message, Is.EqualTo("dataset 'prompts': the conversion gave 4000 rows, the catalog expects 3999; a harness bug: report it"));
        Assert.That(File.ReadAllBytes(Path.Combine(root, "prompts", "data.jsonl")), Is.EqualTo(before));
    }

    [Test]
    public void A_dataset_without_a_pinned_source_is_one_line_saying_to_bring_it_with_path()
    {
        var e = Assert.Throws<FetchException>(() => Fetch(DatasetCatalog.Find("tellmewhy")!))!;

        Assert.That(e.Message, Does.StartWith("dataset 'tellmewhy' cannot be fetched: no copy of the complete TellMeWhy is published at a pinned revision")
            .And.EndWith("bring the file yourself with `path:` (reader: reagent_tellmewhy2)"));
        Assert.That(e.Message, Does.Not.Contain("\n"));
    }

    [Test]
    public void A_dataset_on_the_Hub_comes_through_the_Hugging_Face_cache_and_the_Hubs_dataset_urls()
    {
        using var hub = new FakeHub();
        hub.Add(new FakeRepo("test-org/prompt-set", dataset: true, Commit, new Dictionary<string, byte[]> { ["data/prompts.txt"] = Lines, ["README.md"] = [1] })
        {
            IsLfs = _ => true,
        });
        var source = Prompts() with
        {
            Files = [new HubDatasetFile("prompts.txt", "test-org/prompt-set", "main", "data/prompts.txt", Lines.Length, FakeRepo.Sha256(Lines))],
        };

        var fetched = Fetch(source, hub: hub.Endpoint);

        Assert.That(fetched.Rows, Is.EqualTo(4000));
        Assert.That(File.ReadAllBytes(Path.Combine(root, "hf", "datasets--test-org--prompt-set", "snapshots", Commit, "data", "prompts.txt")), Is.EqualTo(Lines));
        Assert.That(hub.Requests.Select(r => r.Path), Has.Some.EqualTo("/api/datasets/test-org/prompt-set/revision/main")
            .And.Some.EqualTo($"/datasets/test-org/prompt-set/resolve/{Commit}/data/prompts.txt"));
        Assert.That(hub.Requests.Select(r => r.Path), Has.None.Contains("README.md"), "only the pinned file is downloaded");
    }
}
