using Harness.Data.Examples;
using Harness.Data.Readers;

namespace Harness.Data.Tests.Readers;

[Fast]
public class MalformedFileTests
{
    private const string GoodLongRa =
        """{"id": "a", "category": "c", "prompt": "In Greece (a story). The capital,", "target": " Athens", "text": "In Greece (a story). The capital, Athens", "antecedent": "Greece", "antecedent_span": [3, 9], "distractor_span": [10, 20], "word_a": "Athens", "word_b": "Greece"}""";

    private string folder = "";

    [SetUp]
    public void CreateFolder() => folder = Directory.CreateTempSubdirectory("harness-data-tests-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    private DatasetFormatException ReadFails(IDatasetReader reader, params string[] lines)
    {
        var path = Path.Combine(folder, "data.jsonl");
        File.WriteAllLines(path, lines);
        var error = Assert.Throws<DatasetFormatException>(() => reader.Read(path))!;
        Assert.That(error.Message, Does.StartWith(path + ":"));
        return error;
    }

    [Test]
    public void A_well_formed_small_file_reads()
    {
        var path = Path.Combine(folder, "data.jsonl");
        File.WriteAllLines(path, [GoodLongRa, ""]);

        var example = new LongRaReader().Read(path).Single();

        Assert.That(example.Rationale, Is.EqualTo(new[] { new CharSpan(3, 9) }));
    }

    [Test]
    public void Bad_json_names_the_line()
    {
        var error = ReadFails(new LongRaReader(), GoodLongRa, "", "{\"id\": \"b\", ");

        Assert.That(error.Message, Does.Contain(":3: bad JSON"));
    }

    [Test]
    public void A_line_that_is_not_an_object_is_rejected()
    {
        var error = ReadFails(new WikiTextReader(), "[1, 2]");

        Assert.That(error.Message, Does.Contain(":1: expected a JSON object, found array"));
    }

    [Test]
    public void A_missing_field_is_named_with_its_expected_type()
    {
        var error = ReadFails(new WikiTextReader(), """{"id": "w0", "prompt": "x"}""", """{"id": "w1"}""");

        Assert.That(error.Message, Does.Contain(":2: missing field 'prompt' (a string)"));
    }

    [Test]
    public void A_field_of_the_wrong_type_says_what_was_expected_and_found()
    {
        var error = ReadFails(new Sst2Reader(), """{"id": "s", "sentence": "fine", "label": "1", "label_text": "positive"}""");

        Assert.That(error.Message, Does.Contain(":1: label: expected an integer, found string \"1\""));
    }

    [Test]
    public void A_span_that_does_not_spell_the_rationale_is_rejected()
    {
        var error = ReadFails(new LongRaReader(), GoodLongRa.Replace("[3, 9]", "[4, 9]"));

        Assert.That(error.Message, Does.Contain(":1: antecedent_span: span [4, 9) spells \"reece\", expected \"Greece\""));
    }

    [Test]
    public void A_longra_distractor_span_that_is_not_the_parenthetical_names_what_it_spells()
    {
        var error = ReadFails(new LongRaReader(), GoodLongRa.Replace("[10, 20]", "[11, 20]"));

        Assert.That(error.Message, Does.Contain(":1: distractor_span: span [11, 20) spells \"a story).\", expected a parenthetical \"(...).\""));
    }

    [Test]
    public void A_span_outside_the_prompt_or_reversed_is_rejected()
    {
        Assert.That(ReadFails(new LongRaReader(), GoodLongRa.Replace("[3, 9]", "[3, 90]")).Message, Does.Contain("outside the prompt"));
        Assert.That(ReadFails(new LongRaReader(), GoodLongRa.Replace("[3, 9]", "[9, 3]")).Message, Does.Contain("expected 0 <= start <= end"));
        Assert.That(ReadFails(new LongRaReader(), GoodLongRa.Replace("[3, 9]", "[3]")).Message, Does.Contain("expected a [start, end] pair, found 1 numbers"));
    }

    [Test]
    public void A_duplicate_id_names_both_lines()
    {
        var error = ReadFails(new LongRaReader(), GoodLongRa, GoodLongRa);

        Assert.That(error.Message, Does.Contain(":2: id 'a' was already used on line 1"));
    }

    [Test]
    public void A_supporting_fact_naming_no_sentence_is_rejected()
    {
        const string Row = """{"id": "h", "question": "q?", "answer": "x", "type": "bridge", "supporting_facts": [["T", 1]], "context": [["T", ["Only one."]]]}""";

        var error = ReadFails(new HotpotQaReader(), Row);

        Assert.That(error.Message, Does.Contain(":1: supporting_facts[0]: [\"T\", 1] names no non-empty sentence"));
    }

    [Test]
    public void A_nested_value_of_the_wrong_type_is_named_by_its_path()
    {
        const string Row = """{"id": "h", "question": "q?", "answer": "x", "type": "bridge", "supporting_facts": [], "context": [["T", ["One.", 5]]]}""";

        var error = ReadFails(new HotpotQaReader(), Row);

        Assert.That(error.Message, Does.Contain(":1: context[0][1][1]: expected a string, found number 5"));
    }

    [Test]
    public void A_boolean_given_as_a_string_is_rejected()
    {
        var error = ReadFails(new BoolQReader(), """{"id": "b", "question": "q", "title": "t", "passage": "p", "answer": "true"}""");

        Assert.That(error.Message, Does.Contain(":1: answer: expected true or false, found string \"true\""));
    }

    [Test]
    public void A_label_that_contradicts_its_text_is_rejected()
    {
        var error = ReadFails(new ImdbReader(), """{"id": "i", "text": "great", "label": 0, "label_text": "positive"}""");

        Assert.That(error.Message, Does.Contain("label_text: expected \"negative\" for label 0"));
    }

    [Test]
    public void A_missing_file_fails_naming_it()
    {
        var path = Path.Combine(folder, "absent.jsonl");

        Assert.That(() => new BoolQReader().Read(path), Throws.TypeOf<FileNotFoundException>().With.Message.Contains(path));
    }
}
