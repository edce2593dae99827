using System.Text.Json;
using Harness.Attribution.Tests;
using Harness.Evaluation.Core;
using Harness.Evaluation.Plausibility;
using Harness.Models;
using Harness.Scoring;

namespace Harness.Evaluation.Tests.ReferenceParity;

/// <summary>plausibility_reference.json (gen_plausibility.py beside it): ERASER's soft-token scores and ferret's three
/// plausibility evaluators, run from their own code on 55 score vectors (negative scores, ties, a rationale covering
/// every feature or one, no positive score), against the metric under `protocol: eraser` and `protocol: ferret`.</summary>
[TestFixture]
[Fast]
public sealed class PlausibilityParityTests
{
    private const double Tolerance = 1e-12;
    private static readonly string FixtureFile =
        RepositoryFolder.Combine("tests", "Harness.Evaluation.Tests", "Fixtures", "Plausibility", "plausibility_reference.json");

    private static ILanguageModel model = null!;

    [OneTimeSetUp]
    public static void Load() => model = ModelLoader.Load(SharedFolder.Combine("fixtures", "hf-parity", "gpt2"));

    [OneTimeTearDown]
    public static void Free() => model.Dispose();

    public static IEnumerable<TestCaseData> Cases()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(FixtureFile));
        foreach (var entry in document.RootElement.GetProperty("cases").EnumerateArray())
            yield return new TestCaseData(entry.Clone()).SetArgDisplayNames(entry.GetProperty("name").GetString()!);
    }

    [TestCaseSource(nameof(Cases))]
    public void Erasers_soft_token_scores(JsonElement entry)
    {
        var eraser = entry.GetProperty("eraser");

        var result = new PlausibilityMetric().Evaluate(Input(entry));

        Assert.Multiple(() =>
        {
            AssertEqual(result.Value, eraser.GetProperty("average_precision"), "value (average precision)");
            AssertEqual(result.Parts[PartKey.Parse("average_precision")], eraser.GetProperty("average_precision"), "average_precision");
            AssertEqual(result.Parts[PartKey.Parse("auprc")], eraser.GetProperty("auprc"), "auprc");
            AssertEqual(result.Parts[PartKey.Parse("roc_auc")], eraser.GetProperty("roc_auc"), "roc_auc");
        });
    }

    [TestCaseSource(nameof(Cases))]
    public void Ferrets_plausibility_evaluators(JsonElement entry)
    {
        foreach (var expected in entry.GetProperty("ferret").EnumerateArray())
        {
            var options = new PlausibilityOptions
            {
                Protocol = PlausibilityProtocol.Ferret,
                OnlyPositive = expected.GetProperty("only_pos").GetBoolean(),
                TopK = expected.GetProperty("top_k").GetInt32(),
            };
            var what = $"only_pos {options.OnlyPositive}, top_k {options.TopK}";

            var result = new PlausibilityMetric(options).Evaluate(Input(entry));

            Assert.Multiple(() =>
            {
                AssertEqual(result.Value, expected.GetProperty("auprc"), $"{what}: value (AUPRC)");
                AssertEqual(result.Parts[PartKey.Parse("token_f1")], expected.GetProperty("token_f1"), $"{what}: token_f1");
                AssertEqual(result.Parts[PartKey.Parse("iou")], expected.GetProperty("token_iou"), $"{what}: token_iou");
            });
        }
    }

    /// <summary>The case's scores over a context of as many tokens, each token a source, the rationale's 1s as its positions.</summary>
    private static MetricInput Input(JsonElement entry)
    {
        var scores = entry.GetProperty("scores").Doubles().Select(v => (float)v).ToArray();
        var rationale = entry.GetProperty("rationale").EnumerateArray().Select((v, i) => (Relevant: v.GetInt32() == 1, Position: i))
            .Where(p => p.Relevant).Select(p => p.Position).ToArray();
        var context = Enumerable.Range(0, scores.Length).Select(i => (long)(3 + i % 90)).ToArray();
        return new MetricInput(model, context, new AttributionTarget.Token(7), scores) { RationalePositions = rationale };
    }

    private static void AssertEqual(double actual, JsonElement expected, string what)
    {
        if (expected.ValueKind == JsonValueKind.Null) Assert.That(double.IsNaN(actual), $"{what}: {actual}, expected NaN");
        else Assert.That(actual, Is.EqualTo(expected.GetDouble()).Within(Tolerance), what);
    }
}
