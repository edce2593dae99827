using System.Text.Json;

namespace Harness.Cli.Tests;

/// <summary>`harness logits` prints what the model computes, matching transformers' reference
/// logits, and refuses bad input with exit code 2.</summary>
[TestFixture]
[Fast]
public sealed class LogitsCommandTests
{
    private static string Gpt2Fixture => SharedFolder.Combine("fixtures", "hf-parity", "gpt2");

    [Test]
    public void Json_logits_of_every_position_match_the_transformers_reference()
    {
        using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(Gpt2Fixture, "expected.json")));
        var seqA = expected.RootElement.GetProperty("seq_a");
        var ids = string.Join(",", seqA.GetProperty("input_ids").EnumerateArray().Select(i => i.GetInt64()));

        var result = CommandResult.Of("logits", Gpt2Fixture, "--ids", ids, "--json", "--attentions");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        using var printed = JsonDocument.Parse(result.Output);
        var actual = printed.RootElement.GetProperty("logits").EnumerateArray().SelectMany(r => r.EnumerateArray()).Select(v => v.GetDouble()).ToArray();
        var reference = seqA.GetProperty("logits").EnumerateArray().SelectMany(r => r.EnumerateArray()).Select(v => v.GetDouble()).ToArray();
        Assert.That(actual, Has.Length.EqualTo(reference.Length));
        Assert.That(actual.Zip(reference).Max(p => Math.Abs(p.First - p.Second)), Is.LessThanOrEqualTo(1e-5));
        Assert.That(printed.RootElement.GetProperty("attentions").GetArrayLength(), Is.EqualTo(2), "one entry per layer");
    }

    [Test]
    public void The_text_output_lists_ten_candidates_with_the_reference_argmax_first()
    {
        var result = CommandResult.Of("logits", Gpt2Fixture, "--ids", "5,17,42,88,23,61,9,74,33,50,12");
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        var rows = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToArray();
        Assert.That(rows, Has.Length.EqualTo(10));
        Assert.That(rows[0].Trim(), Does.StartWith("48 "), "the reference logits' argmax at the last position is 48");
    }

    [Test]
    public void Text_is_tokenized_with_the_folder_s_tokenizer_and_gives_the_logits_of_its_ids()
    {
        var folder = Path.Combine(Path.GetTempPath(), "harness-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            foreach (var name in new[] { "config.json", "model.safetensors" })
                File.Copy(Path.Combine(Gpt2Fixture, name), Path.Combine(folder, name));
            // A word-level vocabulary of the model's 97 ids: "w0" .. "w96".
            var vocab = string.Join(",", Enumerable.Range(0, 97).Select(i => $"\"w{i}\": {i}"));
            var tokenizer = "{\"version\": \"1.0\", \"added_tokens\": [], \"normalizer\": null, "
                + "\"pre_tokenizer\": {\"type\": \"WhitespaceSplit\"}, \"post_processor\": null, \"decoder\": null, "
                + "\"model\": {\"type\": \"WordLevel\", \"vocab\": {" + vocab + "}, \"unk_token\": \"w1\"}}";
            File.WriteAllText(Path.Combine(folder, "tokenizer.json"), tokenizer);

            var fromText = CommandResult.Of("logits", folder, "--text", "w5 w17 w42", "--json");
            var fromIds = CommandResult.Of("logits", folder, "--ids", "5,17,42", "--json");
            var top = CommandResult.Of("logits", folder, "--text", "w5 w17 w42");

            Assert.That(fromText.ExitCode, Is.EqualTo(0), fromText.Error);
            Assert.That(fromText.Output, Is.EqualTo(fromIds.Output));
            Assert.That(top.Output, Does.Contain("\"w"), "candidates are shown with their token strings");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void Text_without_a_tokenizer_json_is_exit_code_2()
    {
        var result = CommandResult.Of("logits", Gpt2Fixture, "--text", "hello");
        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("tokenizer.json"));
    }

    [TestCase("--ids", "1,x", "comma-separated integers")]
    [TestCase("--ids", "1,9999", "must lie in [0, 97)")]
    [TestCase("--ids", "99999999999999999999", "comma-separated integers")]
    [TestCase("--ids", "1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1", "more than the model's 64 (config.json n_positions)")]
    [TestCase("--dtype", "float8", "not one of float32")]
    public void Bad_input_is_one_line_and_exit_code_2(string option, string value, string message)
    {
        var args = option == "--ids" ? new[] { "logits", Gpt2Fixture, option, value } : ["logits", Gpt2Fixture, "--ids", "1,2", option, value];
        var result = CommandResult.Of(args);
        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain(message));
        Assert.That(result.Error, Does.Not.Contain("   at "), "no stack trace");
    }

    [Test]
    public void A_missing_model_directory_is_exit_code_2()
    {
        var result = CommandResult.Of("logits", "/no/such/model", "--ids", "1");
        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("/no/such/model"));
    }
}
