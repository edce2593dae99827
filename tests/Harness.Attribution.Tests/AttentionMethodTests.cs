using Harness.Attribution.Core;
using Harness.Attribution.Methods;
using Harness.Models;
using Harness.Scoring;
using Harness.Torch;

namespace Harness.Attribution.Tests;

/// <summary>Attention methods equal the hand computation from the model's attention probabilities.</summary>
[TestFixture]
[Fast]
public sealed class AttentionMethodTests
{
    private ILanguageModel model = null!;
    private double[][][][] attentions = null!;                                                          // [layer][head][query][key]

    [OneTimeSetUp]
    public void LoadModel()
    {
        model = Gpt2Fixture.Load();
        using var scope = torch.NewDisposeScope();
        var ids = torch.tensor(Gpt2Fixture.Context, [1, Gpt2Fixture.Context.Length]);
        var output = model.Forward(ModelInput.FromIds(ids), new ForwardOptions { OutputAttentions = true });
        attentions = output.Attentions!.Select(a =>
        {
            var (h, t) = ((int)a.size(1), (int)a.size(2));
            var v = a.to(ScalarType.Float64).ToArray<double>();
            return Enumerable.Range(0, h).Select(head => Enumerable.Range(0, t).Select(q => v.AsSpan((head * t + q) * t, t).ToArray()).ToArray()).ToArray();
        }).ToArray();
    }

    [OneTimeTearDown]
    public void Release() => model.Dispose();

    private AttributionRequest Request => new(model, Gpt2Fixture.Context, new AttributionTarget.Token(42));

    private int Last => Gpt2Fixture.Context.Length - 1;

    [Test]
    public void Attention_is_the_mean_over_layers_and_heads_of_the_predicting_row()
    {
        var l = Gpt2Fixture.Context.Length;
        var expected = Enumerable.Range(0, l).Select(i => attentions.SelectMany(layer => layer).Average(head => head[Last][i]));
        Assert.That(new AttentionWeights(lastLayerOnly: false).Attribute(Request).Scores.Select(s => (double)s), Is.EqualTo(expected).Within(1e-6));
    }

    [Test]
    public void Attention_last_uses_the_last_layer_only()
    {
        var l = Gpt2Fixture.Context.Length;
        var expected = Enumerable.Range(0, l).Select(i => attentions[^1].Average(head => head[Last][i]));
        Assert.That(new AttentionWeights(lastLayerOnly: true).Attribute(Request).Scores.Select(s => (double)s), Is.EqualTo(expected).Within(1e-6));
    }

    [Test]
    public void Rollout_multiplies_the_residual_mixed_layers_from_the_bottom_up()
    {
        var t = Gpt2Fixture.Context.Length;
        double[,]? rollout = null;
        foreach (var layer in attentions)
        {
            var mixed = new double[t, t];
            for (var q = 0; q < t; q++)
            {
                for (var k = 0; k < t; k++) mixed[q, k] = 0.5 * layer.Average(head => head[q][k]) + (q == k ? 0.5 : 0);
                var row = Enumerable.Range(0, t).Sum(k => mixed[q, k]);
                for (var k = 0; k < t; k++) mixed[q, k] /= row;
            }

            if (rollout is null)
            {
                rollout = mixed;
                continue;
            }

            var product = new double[t, t];
            for (var q = 0; q < t; q++)
                for (var k = 0; k < t; k++)
                    for (var j = 0; j < t; j++) product[q, k] += mixed[q, j] * rollout[j, k];
            rollout = product;
        }

        var expected = Enumerable.Range(0, t).Select(k => rollout![Last, k]);
        Assert.That(new AttentionRollout().Attribute(Request).Scores.Select(s => (double)s), Is.EqualTo(expected).Within(1e-6));
    }

    [Test]
    public void Attention_methods_run_one_forward_pass_and_no_backward()
    {
        foreach (var attributor in new IAttributor[] { new AttentionWeights(false), new AttentionWeights(true), new AttentionRollout() })
        {
            var cost = attributor.Attribute(Request).Cost;
            Assert.That((cost.ForwardPasses, cost.BackwardPasses), Is.EqualTo((1L, 0L)), attributor.Name);
        }
    }
}
