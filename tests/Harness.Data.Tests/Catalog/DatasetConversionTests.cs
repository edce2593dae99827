using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Harness.Data.Catalog;
using System.Globalization;

namespace Harness.Data.Tests.Catalog;

/// <summary>
/// Each catalog conversion turns its source's published format into the rows of the test fixtures
/// (../shared/datasets, built from the same sources): the test writes the fixture rows back in the source's
/// format (rows the fixtures set aside become placeholders), converts, and compares every fixture row field
/// by field. (The conversions were also run on the real pinned files: docs/datasets.md.)
/// </summary>
[TestFixture]
[Fast]
public sealed class DatasetConversionTests
{
    private string folder = null!;

    [SetUp]
    public void Folder() => Directory.CreateDirectory(folder = Path.Combine(Path.GetTempPath(), "harness-conversion-" + Guid.NewGuid().ToString("N")));

    [TearDown]
    public void Remove() => Directory.Delete(folder, recursive: true);

    private static List<JsonObject> Fixture(string name) =>
        File.ReadLines(SharedFolder.Combine("datasets", name, "data.jsonl")).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();

    private string Write(string name, string text)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    /// <summary>Every fixture row is among the converted rows, equal in every field but <paramref name="ignored"/>.</summary>
    private static void AssertReproduces(string dataset, IReadOnlyList<string> files, params string[] ignored)
    {
        var converted = DatasetCatalog.Find(dataset)!.Conversion!(files).ToDictionary(r => r["id"]!.GetValue<string>());
        foreach (var row in Fixture(dataset))
        {
            var id = row["id"]!.GetValue<string>();
            Assert.That(converted, Does.ContainKey(id));
            foreach (var (key, value) in row.Where(p => !ignored.Contains(p.Key)))
                Assert.That(JsonNode.DeepEquals(converted[id][key], value), $"{dataset} {id}.{key}: {converted[id][key]?.ToJsonString()} != {value?.ToJsonString()}");
        }
    }

    /// <summary>Source lines by position, the fixture's where it has the row, a placeholder where it set the row aside.</summary>
    private static IEnumerable<string> ByPosition(List<JsonObject> rows, string position, Func<JsonObject, string> line, string placeholder) =>
        ByPosition(rows, position, line, _ => placeholder);

    private static IEnumerable<string> ByPosition(List<JsonObject> rows, string position, Func<JsonObject, string> line, Func<int, string> placeholder)
    {
        var byPosition = rows.ToDictionary(r => r[position]!.GetValue<int>());
        return Enumerable.Range(0, byPosition.Keys.Max() + 1).Select(i => byPosition.TryGetValue(i, out var row) ? line(row) : placeholder(i));
    }

    private static string S(JsonObject row, string key) => row[key]!.GetValue<string>();

    [Test]
    public void ReAGents_wikitext_prompts()
    {
        var lines = ByPosition(Fixture("reagent_wikitext"), "line", r => S(r, "raw_line"), "A placeholder opening ");
        AssertReproduces("reagent_wikitext", [Write("wikitext.txt", string.Join("\n", lines) + "\n")]);
    }

    [Test]
    public void ReAGents_tellmewhy_prompts_with_their_tabs()
    {
        var lines = ByPosition(Fixture("reagent_tellmewhy2"), "line", r => S(r, "raw_line"), "He ran. Why did he run?");
        AssertReproduces("reagent_tellmewhy2", [Write("tellmewhy2.txt", string.Join("\n", lines) + "\n")]);
    }

    [Test]
    public void Annotated_lambada_with_its_character_spans()
    {
        var lines = Fixture("reagent_annotated_lambada").Select(r => new JsonObject
        {
            ["lambadaIndex"] = r["lambada_index"]!.DeepClone(), ["text"] = r["text"]!.DeepClone(), ["rationale"] = r["rationale_spans"]!.DeepClone(),
        }.ToJsonString());
        AssertReproduces("reagent_annotated_lambada", [Write("annotated_lambada.json", string.Join("\n", lines) + "\n")]);
    }

    [Test]
    public void Sst2_dev_tsv_with_trailing_spaces()
    {
        var lines = ByPosition(Fixture("sst2"), "idx", r => $"{S(r, "sentence")} \t{r["label"]}", "placeholder \t0");
        AssertReproduces("sst2", [Write("dev.tsv", "text\tlabel\n" + string.Join("\n", lines) + "\n")]);
    }

    [Test]
    public void BoolQ_with_its_editing_template_undone()
    {
        string Line(JsonObject r) => new JsonObject
        {
            ["prompt"] = $"passage: {S(r, "title")} -- {S(r, "passage")}\nquestion: {{}}", ["subject"] = S(r, "question"),
            ["target_new"] = new JsonObject { ["str"] = r["answer"]!.GetValue<bool>() ? "True" : "False" },
        }.ToJsonString();
        var lines = ByPosition(Fixture("boolq"), "idx", Line, """{"prompt": "passage: T -- P\nquestion: {}", "subject": "q", "target_new": {"str": "True"}}""");
        AssertReproduces("boolq", [Write("validation.jsonl", string.Join("\n", lines) + "\n")]);
    }

    [Test]
    public void Imdb_csv_with_quotes_commas_and_line_breaks()
    {
        static string Quoted(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        var lines = ByPosition(Fixture("imdb"), "row", r => $"{Quoted(S(r, "text"))},{S(r, "label_text")}", "\"A placeholder, \"\"quoted\"\"\nreview.\",negative");
        AssertReproduces("imdb", [Write("IMDB Dataset.csv", "review,sentiment\r\n" + string.Join("\r\n", lines) + "\r\n")]);
    }

    [Test]
    public void HotpotQa_from_the_column_layout_with_ids_from_the_cut_off_official_file()
    {
        var rows = Fixture("hotpotqa");
        JsonObject Columns(JsonObject r) => new()
        {
            ["question"] = S(r, "question"), ["answer"] = S(r, "answer"), ["type"] = S(r, "type"), ["level"] = S(r, "level"),
            ["supporting_facts"] = new JsonObject
            {
                ["title"] = new JsonArray(r["supporting_facts"]!.AsArray().Select(f => f![0]!.DeepClone()).ToArray()),
                ["sent_id"] = new JsonArray(r["supporting_facts"]!.AsArray().Select(f => f![1]!.DeepClone()).ToArray()),
            },
            ["context"] = new JsonObject
            {
                ["title"] = new JsonArray(r["context"]!.AsArray().Select(p => p![0]!.DeepClone()).ToArray()),
                ["sentences"] = new JsonArray(r["context"]!.AsArray().Select(p => p![1]!.DeepClone()).ToArray()),
            },
        };
        var placeholder = new JsonObject { ["question"] = "q?", ["answer"] = "a", ["type"] = "bridge", ["level"] = "hard",
            ["supporting_facts"] = new JsonObject { ["title"] = new JsonArray(), ["sent_id"] = new JsonArray() },
            ["context"] = new JsonObject { ["title"] = new JsonArray(), ["sentences"] = new JsonArray() } }.ToJsonString();
        var columns = ByPosition(rows, "dev_index", r => Columns(r).ToJsonString(), placeholder);
        // The official file: the records whose _id the fixture knows, the others as placeholders, then a record cut off mid-way.
        var official = ByPosition(rows.Where(r => r["hotpot_id"] is not null).ToList(), "dev_index",
            r => new JsonObject { ["_id"] = S(r, "hotpot_id"), ["question"] = S(r, "question") }.ToJsonString(), """{"_id": "x", "question": "q?"}""");
        AssertReproduces("hotpotqa", [
            Write("hotpot_dev_distractor_v1.json", "[" + string.Join(",\n", columns) + "]"),
            Write("truncated.json", "[" + string.Join(",", official) + """,{"_id":"5a8c","answer":"cut off her""")]);
    }

    [Test]
    public void WikiBio_boxes_with_numbered_tokens_empty_fields_and_the_article_title()
    {
        var rows = Fixture("wikibio");
        static string Box(JsonObject r)
        {
            static IEnumerable<string> Tokens(string field, string value) => value.Split(' ').Select((t, i) => $"{field}_{i + 1}:{t}");
            var items = r["infobox"]!.AsArray().SelectMany(p => Tokens(p![0]!.GetValue<string>(), p[1]!.GetValue<string>()));
            return string.Join('\t', items.Prepend("image:<none>").Concat(Tokens("article_title", S(r, "title"))));
        }

        var files = new List<string>();
        foreach (var split in new[] { "train", "valid", "test" })
        {
            var ofSplit = rows.Where(r => S(r, "orig_split") == split).ToList();
            files.Add(Write($"{split}.box", string.Join("\n", ByPosition(ofSplit, "orig_index", Box, "name_1:someone\tarticle_title_1:someone")) + "\n"));
            files.Add(Write($"{split}.summary", string.Join("\n", ByPosition(ofSplit, "orig_index", r => S(r, "target_text"), "someone is someone .")) + "\n"));
        }

        AssertReproduces("wikibio", files);
    }

    [Test]
    public void LongRa_from_the_templates_in_python_and_the_analogy_pairs()
    {
        var rows = Fixture("longra");
        var categories = rows.GroupBy(r => S(r, "category")).ToList();
        var python = new StringBuilder("def create_analogy_templates(all_analogies):\n");
        foreach (var category in categories)
        {
            var template = S(category.First(), "template");
            // As in the original file: the template split into adjacent string literals.
            var literals = template.Chunk(70).Select(c => $"    \"{new string(c)}\"");
            python.Append($"  all_analogies['{category.Key}']['template'] = (\n{string.Join("\n", literals)})\n");
        }

        var questions = new StringBuilder();
        foreach (var category in categories)
        {
            questions.Append($": {category.Key}\n");
            var pairs = ByPosition(category.Select((r, k) => new JsonObject { ["k"] = int.Parse(S(r, "id")[^3..], CultureInfo.InvariantCulture), ["a"] = S(r, "word_a"), ["b"] = S(r, "word_b") }).ToList(),
                "k", r => $"{S(r, "a")} {(category.Key == "currency" ? S(r, "b").ToLowerInvariant() : S(r, "b"))}", k => $"Aside{k} Pair{k}");
            var list = pairs.ToList();
            // Each line is two pairs; the first pair comes again later, as in the analogy file, and is kept once.
            for (var i = 0; i < list.Count; i++) questions.Append($"{list[i]} {list[Math.Max(0, i - 1)]}\n");
        }

        AssertReproduces("longra", [Write("data_utils.py", python.ToString()), Write("questions-words.txt", questions.ToString())], "reagent_models");
    }

    [Test]
    public void Every_dataset_of_the_catalog_names_a_known_reader_and_every_fetchable_one_its_pinned_files()
    {
        Assert.That(DatasetCatalog.All.Select(s => s.Reader).Distinct(), Is.SubsetOf(Harness.Data.Readers.DatasetReaders.Names));
        Assert.That(DatasetCatalog.Names, Is.Unique);
        foreach (var source in DatasetCatalog.All.Where(s => s.Unavailable is null))
        {
            Assert.That(source.Conversion, Is.Not.Null, source.Name);
            Assert.That(source.Files.Concat(source.Licence.Files).Select(f => f.Sha256), Has.All.Match("^[0-9a-f]{64}$"), source.Name);
            Assert.That(source.Files.OfType<GitHubFile>().Select(f => f.Commit), Has.All.Match("^[0-9a-f]{40}$"), $"{source.Name}: pinned to a commit, not a branch");
        }
    }
}
