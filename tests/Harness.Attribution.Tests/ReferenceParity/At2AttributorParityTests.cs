using System.Text.Json;
using Harness.Attribution.Core;
using Harness.Attribution.Methods;
using Harness.Data.Segmentation;
using Harness.Scoring;

namespace Harness.Attribution.Tests;

/// <summary>at2_attributor.json (Fixtures/ReferenceCases, gen_at2_attributor.py): AT2's own ScoreEstimationAttributor,
/// which recomputes each layer's attention rows from the hidden states (get_attention_weights), on the fixture models
/// it supports (llama and qwen2; its phi3 path needs a later transformers than 4.45.1 and raised), with grouped sources
/// and a random theta. at2 with that theta scores every source as AT2 does.</summary>
[TestFixture]
[Fast]
public sealed class At2AttributorParityTests : ReferenceParityTests
{
    private const string File = "at2_attributor.json";

    public static IEnumerable<TestCaseData> Results() => ReferenceFixture.Entries([ReferenceFixture.LoadBeside(File)], File, section: null);

    [TestCaseSource(nameof(Results))]
    public void Each_sources_score_is_at2s(JsonElement c, string precision, string method, JsonElement reference)
    {
        var model = Models.For(c, precision);
        var target = c.GetProperty("target_ids").Longs();
        var groups = reference.GetProperty("sources").EnumerateArray()
            .Select(range => Enumerable.Range(range[0].GetInt32(), range[1].GetInt32() - range[0].GetInt32()).ToArray()).ToArray();
        var estimator = new At2Estimator(reference.GetProperty("theta").Doubles(), reference.GetProperty("layers").GetInt32(),
            reference.GetProperty("heads").GetInt32(), "reference", "at2_attributor", SourceUnit.Token, Seed: 0);
        var request = new AttributionRequest(model, c.GetProperty("input_ids").Longs(),
            target.Length == 1 ? new AttributionTarget.Token(target[0]) : new AttributionTarget.Span(target))
        {
            Sources = new Sources(groups),
        };

        var scores = new At2(estimator).Attribute(request).Scores.Select(v => (double)v).ToArray();

        // AT2 returns float32 scores in either precision.
        ReferenceFixture.AssertClose(scores, reference.GetProperty("scores").Doubles(), 1e-5, $"{method} {precision}");
    }
}
