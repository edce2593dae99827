using Harness.Models.Tokenization;

namespace Harness.Models.Tests.Tokenization;

/// <summary>Loading fails with a clear message: unsupported component types name the section, the type and the file.</summary>
[TestFixture]
[Fast]
public sealed class TokenizerLoadingErrorTests
{
    private const string WordLevelModel = """{"type": "WordLevel", "vocab": {"[UNK]": 0, "a": 1}, "unk_token": "[UNK]"}""";

    [Test]
    public void Unsupported_normalizer_names_section_type_and_file()
    {
        using var file = new TemporaryTokenizerFile(
            $$"""{"normalizer": {"type": "Precompiled", "precompiled_charsmap": "AAAA"}, "model": {{WordLevelModel}}}""");
        var error = Assert.Throws<TokenizerFormatException>(() => Tokenizer.FromFile(file.Path))!;
        Assert.Multiple(() =>
        {
            Assert.That(error.Message, Does.Contain("normalizer").And.Contain("Precompiled").And.Contain(file.Path));
            Assert.That(error.Section, Is.EqualTo("normalizer"));
            Assert.That(error.ComponentType, Is.EqualTo("Precompiled"));
            Assert.That(error.FilePath, Is.EqualTo(file.Path));
        });
    }

    [Test]
    public void Unsupported_type_inside_a_sequence_names_its_position()
    {
        using var file = new TemporaryTokenizerFile(
            $$"""{"pre_tokenizer": {"type": "Sequence", "pretokenizers": [{"type": "Whitespace"}, {"type": "UnicodeScripts"}]}, "model": {{WordLevelModel}}}""");
        var error = Assert.Throws<TokenizerFormatException>(() => Tokenizer.FromFile(file.Path))!;
        Assert.Multiple(() =>
        {
            Assert.That(error.Message, Does.Contain("pre_tokenizer.pretokenizers[1]").And.Contain("UnicodeScripts").And.Contain(file.Path));
            Assert.That(error.Section, Is.EqualTo("pre_tokenizer.pretokenizers[1]"));
        });
    }

    [TestCase("model", """{"type": "Unigram", "unk_id": 0, "vocab": [["a", 0.0]]}""", "Unigram")]
    [TestCase("decoder", """{"type": "CTC", "pad_token": "<pad>"}""", "CTC")]
    [TestCase("post_processor", """{"type": "Mystery"}""", "Mystery")]
    public void Unsupported_component_in_other_sections(string section, string component, string type)
    {
        string model = section == "model" ? component : WordLevelModel;
        string extra = section == "model" ? "" : $", \"{section}\": {component}";
        using var file = new TemporaryTokenizerFile($$"""{"model": {{model}}{{extra}}}""");
        var error = Assert.Throws<TokenizerFormatException>(() => Tokenizer.FromFile(file.Path))!;
        Assert.That(error.Message, Does.Contain(section).And.Contain(type).And.Contain(file.Path));
    }

    [Test]
    public void Missing_file_names_the_path()
    {
        string path = Path.Combine(Path.GetTempPath(), "harness-no-such-folder-" + Guid.NewGuid().ToString("N"), "tokenizer.json");
        var error = Assert.Throws<FileNotFoundException>(() => Tokenizer.FromFile(path))!;
        Assert.That(error.Message, Does.Contain(path));
    }

    [Test]
    public void Malformed_json_names_the_file()
    {
        using var file = new TemporaryTokenizerFile("""{"model": {"type": "BPE", """);
        var error = Assert.Throws<TokenizerFormatException>(() => Tokenizer.FromFile(file.Path))!;
        Assert.That(error.Message, Does.Contain(file.Path).And.Contain("JSON"));
    }

    [Test]
    public void Merge_with_a_token_outside_the_vocabulary_is_reported()
    {
        using var file = new TemporaryTokenizerFile("""{"model": {"type": "BPE", "vocab": {"a": 0, "b": 1}, "merges": ["a c"]}}""");
        var error = Assert.Throws<TokenizerFormatException>(() => Tokenizer.FromFile(file.Path))!;
        Assert.That(error.Message, Does.Contain("'c'").And.Contain(file.Path));
    }
}
