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
    public void Generating_gives_one_row_per_step_over_the_prompt()
    {
        var result = CommandResult.Of("attribute", Gpt2Fixture, "--ids", "5,17,42", "--generate", "3", "--method", "attention", "--json");
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        using var printed = JsonDocument.Parse(result.Output);
        var rows = printed.RootElement.GetProperty("rows");
        Assert.That(rows.GetArrayLength(), Is.EqualTo(3));
        Assert.That(rows.EnumerateArray().Select(r => r.GetProperty("scores").GetArrayLength()), Is.All.EqualTo(3), "every row scores the prompt");
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
