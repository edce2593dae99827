using System.Text.Json;
using Harness.Attribution.Core;
using Harness.Attribution.Methods;
using Harness.Data.Segmentation;

namespace Harness.Attribution.Tests;

/// <summary>at2_trainer.json (Fixtures/ReferenceCases, gen_at2_trainer.py): AT2's own trainer
/// (LinearScoreEstimatorTrainer.train, float32 by default) fitting float16 features and outputs of examples with one,
/// several or no targets after np.random.seed. At2Trainer.Fit on the same observations and seed draws the same batches
/// and reaches the same theta.</summary>
[TestFixture]
[Fast]
public sealed class At2TrainerParityTests
{
    private const string File = "at2_trainer.json";

    public static IEnumerable<TestCaseData> Cases() => ReferenceFixture.LoadBeside(File).GetProperty("cases").EnumerateObject()
        .Select(c => new TestCaseData(c.Value).SetArgDisplayNames(c.Name));

    [TestCaseSource(nameof(Cases))]
    public void Fitting_at2s_observations_with_its_seed_gives_its_theta(JsonElement c)
    {
        var features = c.GetProperty("features").EnumerateArray()
            .Select(example => example.EnumerateArray().Select(target => target.EnumerateArray()
                .Select(mask => mask.Doubles().Select(v => (Half)v).ToArray()).ToArray()).ToArray()).ToArray();
        var outputs = c.GetProperty("outputs").EnumerateArray()
            .Select(example => example.EnumerateArray().Select(target => target.Doubles()).ToArray()).ToArray();
        var width = c.GetProperty("features_count").GetInt32();
        // One "layer" of width heads: Fit only reads layers x heads as the width of theta.
        var data = new At2Observations(1, width, features, outputs, Masks: [], Costs: []);
        var options = new At2Options
        {
            Iterations = c.GetProperty("num_iterations").GetInt32(),
            BatchSize = c.GetProperty("batch_size").GetInt32(),
            LearningRate = c.GetProperty("learning_rate").GetDouble(),
            Seed = c.GetProperty("np_random_seed").GetUInt64(),
        };
        var set = new At2TrainingSet("reference", "at2-trainer", SourceUnit.Token, Array.Empty<AttributionRequest>());

        var estimator = new At2Trainer(options).Fit(set, data);

        var expected = c.GetProperty("theta").Doubles();
        ReferenceFixture.AssertClose(estimator.Theta, expected, 1e-5, "theta");
        var uniform = 1.0 / width;
        Assert.That(expected.Max(t => Math.Abs(t - uniform)), Is.GreaterThan(1e-3), "the case moves theta well beyond the tolerance from its start");
    }
}
