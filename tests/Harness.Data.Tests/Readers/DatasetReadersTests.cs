using Harness.Data.Examples;
using Harness.Data.Readers;
using System.Globalization;

namespace Harness.Data.Tests.Readers;

[Fast]
public class DatasetReadersTests
{
    // Rows kept in ../shared/datasets (the README's table, "here" column).
    private static readonly (string Name, int Rows)[] Sets =
    [
        ("longra", 458), ("reagent_annotated_lambada", 86), ("reagent_tellmewhy2", 16), ("reagent_wikitext", 18),
        ("wikibio", 240), ("sst2", 697), ("boolq", 400), ("imdb", 400), ("hotpotqa", 80),
    ];

    private static IEnumerable<TestCaseData> SetCases => Sets.Select(s => new TestCaseData(s.Name, s.Rows).SetName($"{s.Name}_has_{s.Rows}_rows"));

    [Test]
    public void Every_dataset_folder_has_exactly_one_reader_of_its_name_and_variants_name_their_folder()
    {
        var folders = Sets.Select(s => s.Name).ToList();
        Assert.That(DatasetReaders.Names.Where(folders.Contains), Is.EqualTo(folders));
        // A prompt variant of a set (e.g. hotpotqa_passages, AT2's HotpotQA prompt) reads the same folder; jsonl reads users' own files.
        Assert.That(DatasetReaders.Names.Where(n => !folders.Contains(n) && n != JsonlReader.ReaderName), Has.All.Matches<string>(n => folders.Any(f => n!.StartsWith(f + "_", StringComparison.Ordinal))));
        Assert.That(DatasetReaders.Names, Is.Unique);
        foreach (var reader in DatasetReaders.All) Assert.That(DatasetReaders.Get(reader.Name), Is.SameAs(reader));
    }

    [Test]
    public void Row_counts_are_those_of_the_datasets_README_table()
    {
        // Summary rows look like: | `longra` | 573 (458 / 115) | ...
        var table = File.ReadLines(SharedFolder.Combine("datasets", "README.md"))
            .Select(line => System.Text.RegularExpressions.Regex.Match(line, @"^\| `([a-z0-9_]+)` \| \d+ \((\d+) / \d+\) \|"))
            .Where(m => m.Success).Select(m => (m.Groups[1].Value, int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)));

        Assert.That(table, Is.EqualTo(Sets));
    }

    [Test]
    public void An_unknown_reader_name_fails_listing_the_known_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => DatasetReaders.Get("lambada"))!;

        Assert.That(error.Message, Does.Contain("'lambada'").And.Contain("reagent_annotated_lambada, reagent_tellmewhy2"));
    }

    [TestCaseSource(nameof(SetCases))]
    public void Real_file_reads_with_unique_ids_and_spans_inside_the_prompt(string name, int rows)
    {
        var examples = DatasetReaders.Get(name).Read(SharedDataset.File(name));
        var raw = SharedDataset.RawRows(name);

        Assert.That(examples, Has.Count.EqualTo(rows));
        Assert.That(examples.Select(e => e.Id), Is.EqualTo(raw.Select(r => r.GetProperty("id").GetString())), "ids in file order");
        Assert.That(examples.Select(e => e.Id), Is.Unique);
        foreach (var example in examples)
        {
            Assert.That(example.Prompt, Is.Not.Empty, example.Id);
            var spans = example.Rationale.Concat(example.Sources).Concat(example.Region is { } r ? [r] : []);
            foreach (var span in spans) Assert.That(InBounds(span, example.Prompt), Is.True, $"{example.Id}: {span}");
            foreach (var source in example.Sources)
                Assert.That(example.Region is { } region && source.Start >= region.Start && source.End <= region.End, Is.True, $"{example.Id}: source {source} outside the region");
            Assert.That(example.SupportingSources, Is.All.InRange(0, example.Sources.Count - 1), example.Id);
            if (example.Label is not null) Assert.That(example.LabelSet, Does.Contain(example.Label), example.Id);
        }
    }

    private static bool InBounds(CharSpan span, string prompt) => span.Start >= 0 && span.End <= prompt.Length && span.Length > 0;
}
