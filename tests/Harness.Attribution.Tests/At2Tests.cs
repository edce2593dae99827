using System.Text.Json;
using Harness.Attribution.Core;
using Harness.Attribution.Methods;
using Harness.Data.Segmentation;
using Harness.Models;
using Harness.Scoring;
using Harness.Torch;

namespace Harness.Attribution.Tests;

/// <summary>AT2 (spec/attributors.md "AT2"): its features against the model's attention
/// probabilities by hand, its scores against theta^T phi, the Pearson loss and its gradient, a
/// training run that is reproducible and raises the correlation it optimises, the estimator's files,
/// the errors without a fitting estimator, and exact pass counts.</summary>
[TestFixture]
[Fast]
public sealed class At2Tests
{
    /// <summary>Sources over region 2..: two words, a token, a gap (region position 3 is in no
    /// source), and a three-token sentence.</summary>
    private static readonly Sources Grouped = new([[0, 1], [2], [4, 5, 6]]);

    private ILanguageModel model = null!;

    [OneTimeSetUp]
    public void LoadModel() => model = Gpt2Fixture.Load();

    [OneTimeTearDown]
    public void Release() => model.Dispose();

    private static string Fixture(string architecture) => SharedFolder.Combine("fixtures", "hf-parity", architecture);

    /// <summary>[layer][head][query][key] of one forward pass over <paramref name="sequence"/>.</summary>
    private static double[][][][] Attentions(ILanguageModel model, long[] sequence)
    {
        using var scope = torch.NewDisposeScope();
        var output = model.Forward(ModelInput.FromIds(torch.tensor(sequence, [1, sequence.Length])), new ForwardOptions { OutputAttentions = true });
        return output.Attentions!.Select(a =>
        {
            var (h, t, s) = ((int)a.size(1), (int)a.size(2), (int)a.size(3));
            var v = a.to(ScalarType.Float64).ToArray<double>();
            return Enumerable.Range(0, h).Select(head => Enumerable.Range(0, t).Select(q => v.AsSpan((head * t + q) * s, s).ToArray()).ToArray()).ToArray();
        }).ToArray();
    }

    /// <summary>phi_j^{l,h}: the rows of the positions predicting the m target tokens (context + target[..^1]
    /// run once), averaged over those rows, summed over the source's tokens; index l * heads + h.</summary>
    private static double[][] FeaturesByHand(ILanguageModel model, long[] context, long[] target, int regionStart, Sources sources)
    {
        var attentions = Attentions(model, context.Concat(target[..^1]).ToArray());
        var (l, m) = (context.Length, target.Length);
        return sources.Groups.Select(group => attentions.SelectMany(layer => layer.Select(head =>
            Enumerable.Range(l - 1, m).Average(q => group.Sum(p => head[q][regionStart + p])))).ToArray()).ToArray();
    }

    private static At2Features FeaturesOf(AttributionRequest request)
    {
        using var run = new AttributionRun(request);
        return At2Features.Of(run);
    }

    [TestCase("gpt2")]
    [TestCase("llama")]
    public void Features_are_the_predicting_rows_attention_to_each_source_averaged_over_the_target(string architecture)
    {
        using var fixture = ModelLoader.Load(Fixture(architecture));
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(Fixture(architecture), "config.json")));
        var heads = config.RootElement.TryGetProperty("n_head", out var n) ? n.GetInt32() : config.RootElement.GetProperty("num_attention_heads").GetInt32();
        var layers = config.RootElement.TryGetProperty("n_layer", out var k) ? k.GetInt32() : config.RootElement.GetProperty("num_hidden_layers").GetInt32();
        foreach (var target in new long[][] { [42], [42, 7, 19] })
        {
            AttributionTarget t = target.Length == 1 ? new AttributionTarget.Token(target[0]) : new AttributionTarget.Span(target);
            var features = FeaturesOf(new AttributionRequest(fixture, Gpt2Fixture.Context, t) { Region = 2.., Sources = Grouped });
            var expected = FeaturesByHand(fixture, Gpt2Fixture.Context, target, 2, Grouped);

            // llama's fixture shares 2 key/value heads among 4 query heads: one feature per query head.
            Assert.That((features.Layers, features.Heads), Is.EqualTo((layers, heads)), $"{t}");
            Assert.That(features.PerSource, Has.Length.EqualTo(Grouped.Count));
            for (var j = 0; j < Grouped.Count; j++)
                Assert.That(features.PerSource[j], Is.EqualTo(expected[j]).Within(1e-12), $"{t}, source {j}");
        }
    }

    [Test]
    public void Scores_are_theta_times_the_features_of_each_source()
    {
        double[] theta = [0.3, -0.1, 0.05, 0.2, -0.25, 0.15, 0.4, -0.05];
        var estimator = new At2Estimator(theta, 2, 4, "gpt2", "hand", SourceUnit.Word, 5);
        var request = new AttributionRequest(model, Gpt2Fixture.Context, new AttributionTarget.Span([42, 7])) { Region = 2.., Sources = Grouped };

        var scores = new At2(estimator).Attribute(request).Scores;

        var expected = FeaturesByHand(model, Gpt2Fixture.Context, [42, 7], 2, Grouped).Select(phi => phi.Select((x, f) => x * theta[f]).Sum());
        Assert.That(scores.Select(s => (double)s), Is.EqualTo(expected).Within(1e-6));
    }

    [Test]
    public void One_call_runs_one_forward_pass_over_context_and_target_and_no_backward()
    {
        var request = new AttributionRequest(model, Gpt2Fixture.Context, new AttributionTarget.Span([42, 7, 19]));
        var cost = new At2(At2Estimator.Uniform(2, 4, "gpt2")).Attribute(request).Cost;
        Assert.That((cost.ForwardPasses, cost.BackwardPasses, cost.TokensProcessed), Is.EqualTo((1L, 0L, (long)Gpt2Fixture.Context.Length + 2)));
    }

    [Test]
    public void The_pearson_loss_and_its_gradient_match_the_hand_computation()
    {
        double[][] x = [[0.5, -1, 2, 0.25], [1, 1.5, -0.5, 3]];
        double[][] y = [[1, -2, 3, 0], [2, 0.5, 1, -1]];
        var (b, m) = (x.Length, x[0].Length);
        var expectedLoss = 0.0;
        var expectedGradient = new double[b * m];
        for (var row = 0; row < b; row++)
        {
            var (mx, my) = (x[row].Average(), y[row].Average());
            var covariance = Enumerable.Range(0, m).Average(i => (x[row][i] - mx) * (y[row][i] - my));
            var sx = Math.Sqrt(x[row].Average(v => (v - mx) * (v - mx)));
            var sy = Math.Sqrt(y[row].Average(v => (v - my) * (v - my)));
            var denominator = sx * sy + 1e-8;
            expectedLoss -= covariance / denominator / b;
            for (var i = 0; i < m; i++)
            {
                // d cov / d x_i = (y_i - my) / m; d sx / d x_i = (x_i - mx) / (m sx); r = cov / (sx sy + eps).
                var dCovariance = (y[row][i] - my) / m;
                var dDenominator = sy * (x[row][i] - mx) / (m * sx);
                expectedGradient[row * m + i] = -(dCovariance * denominator - covariance * dDenominator) / (denominator * denominator) / b;
            }
        }

        using var scope = torch.NewDisposeScope();
        var predictions = torch.tensor(x.SelectMany(r => r).ToArray(), [b, m], requires_grad: true);
        var loss = PearsonCorrelationLoss.Of(predictions, torch.tensor(y.SelectMany(r => r).ToArray(), [b, m]));
        loss.backward();

        Assert.That(loss.ToDouble(), Is.EqualTo(expectedLoss).Within(1e-12));
        Assert.That(predictions.grad!.ToArray<double>(), Is.EqualTo(expectedGradient).Within(1e-12));
    }

    [Test]
    public void The_pearson_loss_is_minus_one_for_an_increasing_linear_fit_and_zero_for_a_constant_prediction()
    {
        using var scope = torch.NewDisposeScope();
        var y = torch.tensor(new[] { 1.0, -2, 3, 0 }, [1, 4]);
        Assert.That(PearsonCorrelationLoss.Of(y.mul(2).add(1), y).ToDouble(), Is.EqualTo(-1).Within(1e-8));
        Assert.That(PearsonCorrelationLoss.Of(torch.tensor(new[] { 0.5, 0.5, 0.5, 0.5 }, [1, 4]), y).ToDouble(), Is.EqualTo(0).Within(1e-12));
    }

    [Test]
    public void Observing_costs_one_feature_pass_and_one_pass_per_mask_and_the_outputs_are_the_logit_probability_of_the_masked_context()
    {
        var set = At2Fixture.TrainingSet(model);
        var data = new At2Trainer(new At2Options { Masks = 32 }).Observe(set);

        Assert.Multiple(() =>
        {
            for (var e = 0; e < set.Examples.Count; e++)
            {
                var example = set.Examples[e][0];
                var length = example.ContextIds.Count + example.Target.Ids.Count - 1;
                Assert.That((data.Costs[e][0].ForwardPasses, data.Costs[e][0].TokensProcessed), Is.EqualTo((33L, 33L * length)), $"example {e}");
                Assert.That(data.Masks[e], Has.Length.EqualTo(32));
                Assert.That(data.Features[e][0], Has.Length.EqualTo(32));
            }
        });

        // Mask 0 of example 1 by hand: log P of the span with the dropped tokens' attention masked, then log P - log(1 - P).
        var request = set.Examples[1][0];
        var keep = data.Masks[1][0];
        using var scope = torch.NewDisposeScope();
        var sequence = request.ContextIds.Concat(request.Target.Ids.Take(request.Target.Ids.Count - 1)).ToArray();
        var mask = sequence.Select((_, i) => i < keep.Length && !keep[i] ? 0L : 1L).ToArray();
        var logits = model.Forward(ModelInput.FromIds(torch.tensor(sequence, [1, sequence.Length]), torch.tensor(mask, [1, mask.Length]))).Logits.select(0, 0).log_softmax(-1);
        var logP = request.Target.Ids.Select((id, j) => logits[request.ContextIds.Count - 1 + j, id].ToDouble()).Sum();
        var expected = logP - Math.Log(-double.ExpM1(logP));
        Assert.That(data.Outputs[1][0][0], Is.EqualTo(expected).Within(Math.Abs(expected) / 2048 + 1e-5), "within float16's resolution");
        Assert.That((double)(Half)data.Outputs[1][0][0], Is.EqualTo(data.Outputs[1][0][0]), "kept in float16, as AT2's batches hold it");
    }

    [Test]
    public void Every_example_gets_at2s_masks_numpys_random_state_of_seed_plus_mask_index()
    {
        var set = At2Fixture.TrainingSet(model);
        var data = new At2Trainer(new At2Options { Masks = 16, Seed = 5 }).Observe(set);
        Assert.Multiple(() =>
        {
            for (var e = 0; e < set.Examples.Count; e++)
            {
                var n = data.Masks[e][0].Length;
                Assert.That(data.Masks[e], Is.EqualTo(NumpyRandomState.AblationMasks(16, n, 0.5, baseSeed: 5)), $"example {e}: create_masks(16, {n}, 0.5, 5)");
            }
        });
    }

    [Test]
    public void An_examples_targets_share_its_masks_and_each_is_observed_as_its_own_request()
    {
        var a = Gpt2Fixture.Context;
        var first = new AttributionRequest(model, a, new AttributionTarget.Span([42, 7]));
        var second = new AttributionRequest(model, a.Concat([42L, 7L]).ToArray(), new AttributionTarget.Token(9)) { Region = 0..a.Length };
        var options = new At2Options { Masks = 8, Seed = 2 };
        var split = new At2Trainer(options).Observe(new At2TrainingSet("gpt2", "split", SourceUnit.Token, [[first, second]]));
        var alone = new At2Trainer(options).Observe(new At2TrainingSet("gpt2", "alone", SourceUnit.Token, [second]));
        Assert.Multiple(() =>
        {
            Assert.That(split.Features[0], Has.Length.EqualTo(2), "one row of observations per target");
            Assert.That(split.Masks[0], Is.EqualTo(NumpyRandomState.AblationMasks(8, a.Length, 0.5, baseSeed: 2)), "masks over the context's sources");
            Assert.That(split.Features[0][1], Is.EqualTo(alone.Features[0][0]));
            Assert.That(split.Outputs[0][1], Is.EqualTo(alone.Outputs[0][0]));
        });
    }

    [Test]
    public void Targets_of_one_example_with_different_sources_are_refused()
    {
        var a = Gpt2Fixture.Context;
        var first = new AttributionRequest(model, a, new AttributionTarget.Token(42));
        var second = new AttributionRequest(model, a.Append(42L).ToArray(), new AttributionTarget.Token(9));
        var error = Assert.Throws<AttributionException>(() => new At2Trainer(new At2Options { Masks = 4 }).Observe(new At2TrainingSet("gpt2", "bad", SourceUnit.Token, [[first, second]])));
        Assert.That(error!.Message, Does.Contain("an example's targets share its sources"));
    }

    [Test]
    public void A_seed_that_numpy_cannot_take_for_every_mask_is_refused()
    {
        var error = Assert.Throws<AttributionException>(() => new At2Options { Masks = 32, Seed = uint.MaxValue - 10 }.Validate());
        Assert.That(error!.Message, Does.Contain("seed + masks - 1 must lie in [0, 2^32 - 1]"));
    }

    [Test]
    public void Training_is_reproducible_from_its_seed_and_raises_the_correlation_on_its_masks()
    {
        var set = At2Fixture.TrainingSet(model);
        var options = new At2Options { Iterations = 300, BatchSize = 2 };
        var trainer = new At2Trainer(options);
        var data = trainer.Observe(set);
        var losses = new List<double>();
        var first = trainer.Fit(set, data, new SynchronousProgress<At2TrainingProgress>(p => losses.Add(p.Loss)));
        var again = new At2Trainer(options).Train(set);
        var otherSeed = new At2Trainer(options with { Seed = 1 }).Train(set);

        var initial = At2Estimator.Uniform(2, 4, "gpt2");
        Assert.Multiple(() =>
        {
            Assert.That(again.Theta, Is.EqualTo(first.Theta), "same seed: the same theta bit for bit");
            Assert.That(otherSeed.Theta, Is.Not.EqualTo(first.Theta));
            Assert.That(first.Theta.Sum(Math.Abs), Is.EqualTo(1).Within(1e-6), "L1-normalised in float32");
            Assert.That(losses, Has.Count.EqualTo(300), "300 steps");
            Assert.That(data.MeanCorrelation(first.Theta), Is.GreaterThan(data.MeanCorrelation(initial.Theta) + 0.1), "0.15 at the uniform start, about 0.5 after");
            Assert.That((first.Model, first.Dataset, first.SourceUnit, first.Seed, first.Layers, first.Heads), Is.EqualTo(("gpt2", "at2-fixture", SourceUnit.Token, 0UL, 2, 4)));
        });
    }

    [Test]
    public void Save_and_load_round_trip_exactly()
    {
        var estimator = new At2Estimator([0.1, -0.2, 1.0 / 3, 0.4, 1e-17, -0.6, 0.7, double.Epsilon], 2, 4, "gpt2", "wikitext", SourceUnit.Sentence, ulong.MaxValue);
        var directory = Path.Combine(Path.GetTempPath(), $"at2-{Guid.NewGuid():N}");
        try
        {
            estimator.Save(directory);
            var loaded = At2Estimator.Load(directory);
            var fromFile = At2Estimator.Load(Path.Combine(directory, At2Estimator.WeightsFile), model);

            Assert.That(loaded.Theta, Is.EqualTo(estimator.Theta));
            Assert.That((loaded.Layers, loaded.Heads, loaded.Model, loaded.Dataset, loaded.SourceUnit, loaded.Seed),
                Is.EqualTo((2, 4, "gpt2", "wikitext", SourceUnit.Sentence, ulong.MaxValue)));
            Assert.That(fromFile.Theta, Is.EqualTo(estimator.Theta));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public void Without_an_estimator_at2_is_created_and_fails_saying_how_to_get_one()
    {
        var at2 = AttributorRegistry.Create(At2.MethodName);
        Assert.That(at2.Name, Is.EqualTo("at2"));
        Assert.That(() => at2.Attribute(new AttributionRequest(model, Gpt2Fixture.Context, new AttributionTarget.Token(42))),
            Throws.InstanceOf<ScoringException>().With.Message.Contains("trained estimator").And.Message.Contains("harness train-at2"));
    }

    [Test]
    public void An_estimator_of_another_model_shape_fails_naming_both_shapes()
    {
        var wrong = At2Estimator.Uniform(3, 4, "bigger");
        var request = new AttributionRequest(model, Gpt2Fixture.Context, new AttributionTarget.Token(42));
        var resources = new AttributorResources { At2Estimator = wrong };
        Assert.That(() => AttributorRegistry.Create(At2.MethodName, resources).Attribute(request),
            Throws.InstanceOf<ScoringException>().With.Message.Contains("3 layers x 4 heads").And.Message.Contains("this model has 2 layers x 4 heads"));

        var directory = Path.Combine(Path.GetTempPath(), $"at2-{Guid.NewGuid():N}");
        try
        {
            wrong.Save(directory);
            Assert.That(() => At2Estimator.Load(directory, model),
                Throws.InstanceOf<ScoringException>().With.Message.Contains("3 layers x 4 heads"));
            var metadata = Path.Combine(directory, At2Estimator.MetadataFile);
            File.WriteAllText(metadata, File.ReadAllText(metadata).Replace("\"layers\": 3", "\"layers\": 2", StringComparison.Ordinal));
            Assert.That(() => At2Estimator.Load(directory),
                Throws.InstanceOf<ScoringException>().With.Message.Contains("theta has shape [3, 4]").And.Message.Contains("2 layers x 4 heads"));
            Assert.That(() => At2Estimator.Load(Path.Combine(directory, "missing")),
                Throws.InstanceOf<ScoringException>().With.Message.Contains("no AT2 estimator"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public void No_tensor_outlives_training_or_an_attribution()
    {
        var set = At2Fixture.TrainingSet(model);
        var request = new AttributionRequest(model, Gpt2Fixture.Context, new AttributionTarget.Span([42, 7]));
        var before = Tensor.LiveCount;
        var estimator = new At2Trainer(new At2Options { Masks = 4, Iterations = 3 }).Train(set);
        new At2(estimator).Attribute(request);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Assert.That(Tensor.LiveCount, Is.EqualTo(before));
    }

    private static IEnumerable<TestCaseData> Architectures() =>
        EveryMethodTests.Architectures.Select(a => new TestCaseData(a).SetName($"at2 trained and run on {a}"));

    [TestCaseSource(nameof(Architectures))]
    public void A_briefly_trained_estimator_scores_every_architecture_deterministically(string architecture)
    {
        using var fixture = ModelLoader.Load(Fixture(architecture));
        var estimator = new At2Trainer(new At2Options { Masks = 8, Iterations = 5 }).Train(At2Fixture.TrainingSet(fixture, batchSize: 5));
        var at2 = AttributorRegistry.Create(At2.MethodName, new AttributorResources { At2Estimator = estimator });
        foreach (AttributionTarget target in new AttributionTarget[] { new AttributionTarget.Token(42), new AttributionTarget.Span([42, 7]) })
        {
            var request = new AttributionRequest(fixture, Gpt2Fixture.Context, target) { Region = 1.., Seed = 11 };
            var first = at2.Attribute(request);
            var second = at2.Attribute(request);

            Assert.That(first.Scores, Has.Length.EqualTo(Gpt2Fixture.Context.Length - 1), $"{target}");
            Assert.That(first.Scores.All(float.IsFinite), $"{target}: {string.Join(", ", first.Scores)}");
            Assert.That(first.Scores.Distinct().Count(), Is.GreaterThan(1), "scores that tell the sources apart");
            Assert.That(first.Cost.ForwardPasses, Is.EqualTo(1));
            Assert.That(second.Scores, Is.EqualTo(first.Scores), "same request: the same scores bit for bit");
        }
    }
}
