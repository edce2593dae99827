using Harness.Data.Examples;
using Harness.Data.Readers;
using Harness.Models.Tokenization;

namespace Harness.Data.Tests.Readers;

/// <summary>The `jsonl` reader of users' own data: the committed example file reads as its README section says, and
/// every malformed row fails naming the file, the line and what was expected.</summary>
[Fast]
public class JsonlReaderTests
{
    private static readonly string ExampleFile = RepositoryFolder.Combine("experiments", "data", "example.jsonl");

    private string folder = "";

    [SetUp]
    public void CreateFolder() => folder = Directory.CreateTempSubdirectory("harness-jsonl-tests-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    private static string Spelled(Example example, CharSpan span) => example.Prompt[span.Start..span.End];

    [Test]
    public void The_example_file_reads_every_kind_of_row()
    {
        var examples = DatasetReaders.Get("jsonl").Read(ExampleFile);

        Assert.That(examples.Select(e => e.Id), Is.EqualTo(new[] { "price", "dance", "review", "where", "5" }), "a row without id is named by its line");
        var (price, dance, review, where, ids) = (examples[0], examples[1], examples[2], examples[3], examples[4]);
        Assert.That(price.Target, Is.EqualTo(" nine"));
        Assert.That(price.Rationale.Select(s => Spelled(price, s)), Is.EqualTo(new[] { "ring", "nine" }), "a span, then a word found in the text");
        Assert.That(price.Rationale[0], Is.EqualTo(new CharSpan(26, 30)), "the first of three rings, as the span says");
        Assert.That(dance.Target, Is.Null, "no target: the model's continuation is explained");
        Assert.That(review.Target, Is.EqualTo(" positive"), "the gold label is the target");
        Assert.That(review.Label, Is.EqualTo("positive"));
        Assert.That(review.LabelSet, Is.EqualTo(new[] { "positive", "negative" }));
        Assert.That(Spelled(review, review.Region!.Value), Is.EqualTo("the film was wonderful and the music was superb ."));
        Assert.That(where.Sources.Select(s => Spelled(where, s)), Is.EqualTo(new[] { "anna lives in london .", "ben works as a baker ." }));
        Assert.That(ids.Prompt, Is.Empty);
        Assert.That(ids.PromptIds, Has.Count.EqualTo(20));
        Assert.That(ids.TargetIds, Is.EqualTo(new[] { 232 }));
        Assert.That(ids.Rationale, Is.EqualTo(new[] { new CharSpan(3, 4) }), "token spans until the model's tokenizer renders them");
    }

    [Test]
    public void A_pre_tokenized_prompt_renders_as_its_tokenizer_decodes_it_with_spans_on_its_tokens()
    {
        var tokenizer = Tokenizer.FromFile(RepositoryFolder.Combine("experiments", "models", "tiny-gpt2", "tokenizer.json"));
        var example = new JsonlReader().Read(ExampleFile)[4];

        var (rendered, encoding) = TokenIdPrompt.Render(example, tokenizer);

        Assert.That(rendered.Prompt, Is.EqualTo(tokenizer.Decode(example.PromptIds!, skipSpecialTokens: false)));
        Assert.That(rendered.Prompt, Does.StartWith("the book costs nine . the pen"));
        Assert.That(encoding.Ids, Is.EqualTo(example.PromptIds), "the ids are kept, never re-encoded");
        Assert.That(encoding.Tokens.Select(t => rendered.Prompt[t.Start..t.End]), Is.EqualTo(example.PromptIds!.Select(id => tokenizer.IdToToken(id))));
        Assert.That(rendered.Rationale.Select(s => Spelled(rendered, s)), Is.EqualTo(new[] { "nine" }));
    }

    [Test]
    public void Text_spans_count_code_points_as_Python_slices_do()
    {
        // "🙂" is one code point (Python's len) and two UTF-16 units: the region [8, 13) is "great" either way.
        var path = Path.Combine(folder, "mine.jsonl");
        File.WriteAllText(path, """{"text": "Review 🙂 great", "region": [9, 14], "rationale": [[0, 6], "great"]}""" + "\n");

        var e = new JsonlReader().Read(path)[0];

        Assert.That(Spelled(e, e.Region!.Value), Is.EqualTo("great"));
        Assert.That(e.Rationale.Select(r => Spelled(e, r)), Is.EqualTo(new[] { "Review", "great" }));
        Assert.That(ReadFails("""{"text": "🙂 ok", "region": [0, 5]}"""), Does.Contain("outside the prompt (4 characters)"));
    }

    private string ReadFails(params string[] lines)
    {
        var path = Path.Combine(folder, "mine.jsonl");
        File.WriteAllLines(path, lines);
        var error = Assert.Throws<DatasetFormatException>(() => new JsonlReader().Read(path))!;
        Assert.That(error.Message, Does.StartWith(path + ":"));
        return error.Message;
    }

    private const string Good = """{"text": "the cat saw the dog"}""";

    [TestCase("""{"text": "x", "rationales": [[0, 1]]}""", ":2: unknown field 'rationales'; expected id, text, ids,")]
    [TestCase("""{"id": "a"}""", ":2: missing field 'text' (the prompt) or 'ids' (its token ids)")]
    [TestCase("""{"text": "x", "ids": [1]}""", ":2: give 'text' (the prompt) or 'ids' (its token ids), not both")]
    [TestCase("""{"text": "", "target": " x"}""", ":2: text: expected a non-empty string")]
    [TestCase("""{"id": true, "text": "x"}""", ":2: id: expected a string or an integer, found true")]
    [TestCase("""{"text": "the cat saw the dog", "rationale": ["the"]}""", ":2: rationale[0]: \"the\" occurs 2 times in the text (at 0, 12); give the one meant as a [start, end] span")]
    [TestCase("""{"text": "the cat saw the dog", "rationale": ["ca"]}""", ":2: rationale[0]: \"ca\" is not a word of the text")]
    [TestCase("""{"text": "the cat", "rationale": [[4, 9]]}""", ":2: rationale[0]: span [4, 9) is outside the prompt (7 characters)")]
    [TestCase("""{"text": "the cat", "sources": [[2, 2]]}""", ":2: sources[0]: span [2, 2) is empty; expected start < end")]
    [TestCase("""{"text": "the cat", "sources": ["cat"]}""", ":2: sources[0]: expected a [start, end] span, found string")]
    [TestCase("""{"ids": [4, 7], "rationale": ["cat"]}""", ":2: rationale[0]: expected a [start, end] token span (the prompt is ids), found string")]
    [TestCase("""{"ids": [4, 7], "rationale": [[1, 3]]}""", ":2: rationale[0]: span [1, 3) is outside the prompt (2 tokens)")]
    [TestCase("""{"ids": [4, -7]}""", ":2: ids[1]: expected a token id (0 or more), found -7")]
    [TestCase("""{"ids": []}""", ":2: ids: expected at least one token id, found an empty list")]
    [TestCase("""{"text": "x", "target": " a", "target_ids": [3]}""", ":2: give 'target' (text) or 'target_ids' (token ids), not both")]
    [TestCase("""{"text": "x", "label": "yes"}""", ":2: label: expected beside 'labels', the label words it is one of")]
    [TestCase("""{"text": "x", "label": "maybe", "labels": ["yes", "no"]}""", ":2: label: expected one of the labels (yes, no), found \"maybe\"")]
    [TestCase("""{"text": "x", "labels": ["yes"]}""", ":2: labels: expected two or more label words, found 1")]
    [TestCase("""{"text": "x", "region": [0]}""", ":2: region: expected a [start, end] pair, found 1 numbers")]
    public void A_malformed_row_names_its_line_and_what_was_expected(string row, string expected)
    {
        Assert.That(ReadFails(Good, row), Does.Contain(expected));
    }

    [Test]
    public void An_id_given_twice_or_taken_by_a_line_number_is_a_duplicate()
    {
        Assert.That(ReadFails("""{"id": 2, "text": "x"}""", """{"text": "y"}"""), Does.Contain(":2: id '2' was already used on line 1"));
    }

    [Test]
    public void A_target_ids_row_keeps_no_text_target_even_with_a_label()
    {
        var path = Path.Combine(folder, "mine.jsonl");
        File.WriteAllLines(path, ["""{"text": "x", "target_ids": [9], "label": "yes", "labels": ["yes", "no"], "target": null}"""]);

        var example = new JsonlReader().Read(path).Single();

        Assert.That(example.Target, Is.Null, "a JSON null field counts as absent");
        Assert.That(example.TargetIds, Is.EqualTo(new[] { 9 }));
    }
}
