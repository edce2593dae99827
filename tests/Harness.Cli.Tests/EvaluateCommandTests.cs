using System.Text.Json;
using Harness.Attribution.Core;
using Harness.Evaluation;
using Harness.Evaluation.Core;
using Harness.Models;
using Harness.Scoring;

namespace Harness.Cli.Tests;

/// <summary>`harness evaluate` scores attributions made anywhere: the value and parts are the metric's,
/// a JSONL file gives one result per line and the mean of the unflagged ones, bad input exits 2.</summary>
[TestFixture]
[Fast]
public sealed class EvaluateCommandTests
{
    private static string Gpt2Fixture => SharedFolder.Combine("fixtures", "hf-parity", "gpt2");

    [Test]
    public void One_example_prints_the_metric_s_value_and_parts()
    {
        var result = CommandResult.Of("evaluate", Gpt2Fixture, "--ids", "5,17,42,88", "--target-id", "7",
            "--scores", "0.1,0.9,0.2,0.8", "--rationale", "1,2", "--metric", "plausibility", "--json");
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        using var printed = JsonDocument.Parse(result.Output);
        var row = printed.RootElement.GetProperty("results")[0];

        using var model = ModelLoader.Load(Gpt2Fixture);
        var expected = MetricRegistry.Create("plausibility").Evaluate(
            new MetricInput(model, [5, 17, 42, 88], new AttributionTarget.Token(7), [0.1f, 0.9f, 0.2f, 0.8f]) { RationalePositions = [1, 2] });
        Assert.That(row.GetProperty("value").GetDouble(), Is.EqualTo(expected.Value));
        Assert.That(row.GetProperty("parts").GetProperty("iou").GetDouble(), Is.EqualTo(expected.Parts[PartKey.Parse("iou")]));
        Assert.That(row.GetProperty("flags").GetArrayLength(), Is.Zero);
    }

    [Test]
    public void A_scores_file_gives_one_result_per_line_and_leaves_flagged_ones_out_of_the_mean()
    {
        var file = Path.Combine(Path.GetTempPath(), $"harness-evaluate-{Guid.NewGuid():N}.jsonl");
        File.WriteAllLines(file,
        [
            """{"id": "a", "ids": [5, 17, 42, 88], "target_id": 7, "scores": [0.9, 0.1, 0.1, 0.1], "rationale": [0]}""",
            "",
            """{"id": "b", "ids": [5, 17, 42, 88], "target_ids": [7, 3], "scores": [0.1, 0.1, 0.9], "region": [1, 4], "rationale": [0]}""",
            """{"id": "c", "ids": [5, 17, 42, 88], "target_id": 7, "scores": [0.5, 0.5, 0.5, 0.5]}""",
        ]);
        try
        {
            var result = CommandResult.Of("evaluate", Gpt2Fixture, "--scores-file", file, "--metric", "plausibility", "--json");
            Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
            using var printed = JsonDocument.Parse(result.Output);
            var rows = printed.RootElement.GetProperty("results").EnumerateArray().ToList();

            Assert.That(rows.Select(r => r.GetProperty("id").GetString()), Is.EqualTo(new[] { "a", "b", "c" }));
            Assert.That(rows[0].GetProperty("value").GetDouble(), Is.EqualTo(1.0));
            Assert.That(rows[1].GetProperty("value").GetDouble(), Is.EqualTo(1.0 / 3).Within(1e-12), "the rationale token ranks third of three");
            Assert.That(rows[2].GetProperty("value").ValueKind, Is.EqualTo(JsonValueKind.Null), "no rationale: no value");
            Assert.That(printed.RootElement.GetProperty("mean").GetDouble(), Is.EqualTo(2.0 / 3).Within(1e-12));
            Assert.That(printed.RootElement.GetProperty("examples_flagged").GetInt32(), Is.EqualTo(1));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public void Bad_input_exits_2_with_one_line_naming_what_is_wrong()
    {
        var file = Path.Combine(Path.GetTempPath(), $"harness-evaluate-{Guid.NewGuid():N}.jsonl");
        File.WriteAllLines(file, ["""{"ids": [5, 17], "target_id": 7, "scores": [1, 2]}""", """{"ids": [5, 17], "scores": [1, 2]}"""]);
        try
        {
            var cases = new (string[] Args, string Message)[]
            {
                (["--ids", "5,17", "--target-id", "7", "--scores", "1,2", "--metric", "plausibilty"], "unknown metric 'plausibilty'"),
                (["--ids", "5,17", "--target-id", "7", "--scores", "1,x", "--metric", "plausibility"], "--scores expects comma-separated numbers"),
                (["--ids", "5,17", "--target-id", "7", "--scores", "1,2,3", "--metric", "plausibility"], "3 scores for 2 sources"),
                (["--ids", "5,17", "--scores", "1,2", "--metric", "plausibility"], "exactly one of --target TEXT and --target-id N"),
                (["--scores-file", file, "--metric", "plausibility"], ":2: give exactly one of \"target_id\""),
                (["--ids", "5,17", "--target-id", "7", "--scores", "1,2", "--region", "2-3", "--metric", "plausibility"], "--region expects START:END"),
                (["--ids", "5,17", "--target-id", "7", "--scores", "1,2", "--region", "1:3", "--metric", "soft_ns"], "the region 1:3 reaches past the context's 2 tokens"),
                (["--ids", "5,17", "--target-id", "7", "--scores", "1,2", "--metric", "plausibility", "--option", "k=1"], "plausibility has no option 'k'; valid: only_positive, protocol, top_k"),
            };
            foreach (var (args, message) in cases)
            {
                var result = CommandResult.Of(["evaluate", Gpt2Fixture, .. args]);
                Assert.That(result.ExitCode, Is.EqualTo(2), string.Join(" ", args));
                Assert.That(result.Error, Does.Contain(message), string.Join(" ", args));
                Assert.That(result.Error.Trim().Split('\n'), Has.Length.EqualTo(1), "one line, no stack trace");
            }
        }
        finally
        {
            File.Delete(file);
        }
    }
}
