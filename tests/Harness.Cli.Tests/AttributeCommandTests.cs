using System.Text.Json;
using Harness.Attribution;
using Harness.Attribution.Core;
using Harness.Models;

namespace Harness.Cli.Tests;

/// <summary>`harness attribute` prints what the attributor computes, one row per target step, and
/// refuses bad input with exit code 2.</summary>
[TestFixture]
public sealed class AttributeCommandTests
{
    private static string Gpt2Fixture => SharedFolder.Combine("fixtures", "hf-parity", "gpt2");

    [Test]
    public void Json_scores_and_cost_are_the_attributor_s()
    {
        var result = CommandResult.Of("attribute", Gpt2Fixture, "--ids", "5,17,42,88,23", "--target-id", "7", "--method", "integrated_gradients", "--option", "steps=32", "--json");
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        using var printed = JsonDocument.Parse(result.Output);
        var row = printed.RootElement.GetProperty("rows")[0];

        using var model = ModelLoader.Load(Gpt2Fixture);
        var expected = AttributorRegistry.Create("integrated_gradients", new Dictionary<string, string> { ["steps"] = "32" })
            .Attribute(new AttributionRequest(model, [5, 17, 42, 88, 23], new AttributionTarget.Token(7)));
        Assert.Multiple(() =>
        {
            Assert.That(row.GetProperty("scores").EnumerateArray().Select(s => s.GetSingle()), Is.EqualTo(expected.Scores));
            Assert.That(row.GetProperty("cost").GetProperty("forward_passes").GetInt64(), Is.EqualTo(expected.Cost.ForwardPasses));
            Assert.That(row.GetProperty("cost").GetProperty("backward_passes").GetInt64(), Is.EqualTo(expected.Cost.BackwardPasses));
            Assert.That(row.GetProperty("diagnostics").TryGetProperty("completeness_gap", out _), "diagnostics are printed");
            Assert.That(printed.RootElement.GetProperty("tokens").GetArrayLength(), Is.EqualTo(5));
        });
    }

    [Test]
    public void Generating_gives_one_row_per_step_over_the_prompt_and_the_earlier_steps()
    {
        var result = CommandResult.Of("attribute", Gpt2Fixture, "--ids", "5,17,42", "--generate", "3", "--method", "attention", "--json");
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        using var printed = JsonDocument.Parse(result.Output);
        var rows = printed.RootElement.GetProperty("rows");
        Assert.That(rows.GetArrayLength(), Is.EqualTo(3));
        Assert.That(rows.EnumerateArray().Select(r => r.GetProperty("scores").GetArrayLength()), Is.EqualTo(new[] { 3, 4, 5 }),
            "step t is attributed over the prompt and the t - 1 tokens generated before it (spec/metrics.md section 1, sequence level)");
    }

    [Test]
    public void Word_and_sentence_units_score_one_source_each()
    {
        var folder = ModelWithWordTokenizer();
        var run = (string unit) => CommandResult.Of("attribute", folder, "--prompt", "Paris is in France. Rome is in", "--target", "Italy",
            "--method", "occlusion", "--unit", unit, "--json");

        var sentence = run("sentence");
        Assert.That(sentence.ExitCode, Is.EqualTo(0), sentence.Error);
        using var printed = JsonDocument.Parse(sentence.Output);
        var row = printed.RootElement.GetProperty("rows")[0];
        Assert.That(row.GetProperty("sources").EnumerateArray().Select(s => s.GetString()), Is.EqualTo(new[] { "Paris is in France.", "Rome is in" }));
        Assert.That(row.GetProperty("scores").GetArrayLength(), Is.EqualTo(2));
        Assert.That(printed.RootElement.GetProperty("tokens").GetArrayLength(), Is.EqualTo(7));

        var word = run("word");
        using var words = JsonDocument.Parse(word.Output);
        Assert.That(words.RootElement.GetProperty("rows")[0].GetProperty("scores").GetArrayLength(), Is.EqualTo(7));
    }

    /// <summary>The GPT-2 fixture's weights with a word-level tokenizer over its 97-token vocabulary.</summary>
    private static string ModelWithWordTokenizer()
    {
        var folder = Path.Combine(Path.GetTempPath(), "harness-cli-units-" + Environment.ProcessId);
        Directory.CreateDirectory(folder);
        foreach (var file in new[] { "config.json", "model.safetensors" })
            File.Copy(Path.Combine(Gpt2Fixture, file), Path.Combine(folder, file), overwrite: true);
        var words = new[] { "<unk>", "Paris", "is", "in", "France.", "Rome", "Italy" };
        var tokenizer = new Dictionary<string, object?>
        {
            ["version"] = "1.0",
            ["added_tokens"] = Array.Empty<object>(),
            ["normalizer"] = null,
            ["pre_tokenizer"] = new Dictionary<string, object> { ["type"] = "WhitespaceSplit" },
            ["post_processor"] = null,
            ["decoder"] = null,
            ["model"] = new Dictionary<string, object>
            {
                ["type"] = "WordLevel",
                ["vocab"] = words.Select((w, i) => (w, i)).ToDictionary(x => x.w, x => x.i),
                ["unk_token"] = "<unk>",
            },
        };
        File.WriteAllText(Path.Combine(folder, "tokenizer.json"), JsonSerializer.Serialize(tokenizer));
        return folder;
    }

    [Test]
    public void The_text_heatmap_shows_every_token_with_its_score()
    {
        var result = CommandResult.Of("attribute", Gpt2Fixture, "--ids", "5,17,42", "--target-id", "7", "--method", "saliency");
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        Assert.That(result.Output, Does.Contain("[[5] ").And.Contain("[[17] ").And.Contain("[[42] ").And.Contain("1 forward, 1 backward"));
    }

    [TestCase("--method", "salency", "unknown attributor 'salency'")]
    [TestCase("--option", "stpes=3", "no option 'stpes'")]
    [TestCase("--option", "steps", "key=value")]
    public void Bad_input_is_one_line_and_exit_code_2(string option, string value, string message)
    {
        var args = option == "--method"
            ? new[] { "attribute", Gpt2Fixture, "--ids", "5,17", "--target-id", "7", "--method", value }
            : ["attribute", Gpt2Fixture, "--ids", "5,17", "--target-id", "7", "--method", "integrated_gradients", option, value];
        var result = CommandResult.Of(args);
        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain(message));
        Assert.That(result.Error, Does.Not.Contain("   at "));
    }

    [Test]
    public void A_target_outside_the_vocabulary_is_exit_code_2()
    {
        var result = CommandResult.Of("attribute", Gpt2Fixture, "--ids", "5,17", "--target-id", "500", "--method", "saliency");
        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("outside the model's vocabulary"));
    }
}
