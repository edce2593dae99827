using Harness.Attribution.Core;
using Harness.Attribution.Methods;
using Harness.Models;
using Harness.Scoring;
using Harness.Torch;

namespace Harness.Attribution.Tests;

/// <summary>Grad-ELLM equals its definition (spec/attributors.md) recomputed element by element from the model's
/// captured queries, keys, values and the gradients at each head's mixture before W_o, on GPT-2 and on Llama's
/// grouped-query heads (query head h reading key/value head h / (heads / kv heads)); and the spec's check: with
/// softmax spatial weights and no ReLU, one layer's map sums to its first-order term sum_h w^h . z^h_t.</summary>
[TestFixture("gpt2")]
[TestFixture("llama")]
[Fast]
public sealed class GradEllmTests(string architecture)
{
    private const long Target = 42;
    private ILanguageModel model = null!;

    [OneTimeSetUp]
    public void LoadModel() => model = ModelLoader.Load(Path.Combine(Path.GetDirectoryName(Gpt2Fixture.Directory)!, architecture));

    [OneTimeTearDown]
    public void Release() => model.Dispose();

    [TestCase(GradEllmSpatial.Cosine, null)]
    [TestCase(GradEllmSpatial.Softmax, null)]
    [TestCase(GradEllmSpatial.Cosine, 1)]
    public void Scores_equal_the_definition_computed_by_hand(GradEllmSpatial spatial, int? lastLayers)
    {
        var request = new AttributionRequest(model, Gpt2Fixture.Context, new AttributionTarget.Token(Target));
        var result = new GradEllm(new GradEllmOptions { Spatial = spatial, LastLayers = lastLayers }).Attribute(request);
        Assert.That(result.Scores.Select(s => (double)s), Is.EqualTo(ByHand(spatial, lastLayers, (head, group) => head / group)).Within(1e-5));
        Assert.That(result.Scores.Sum(), Is.EqualTo(1).Within(1e-5));
        Assert.That((result.Cost.ForwardPasses, result.Cost.BackwardPasses), Is.EqualTo((1L, 1L)));
    }

    [TestCase(GradEllmSpatial.Cosine)]
    [TestCase(GradEllmSpatial.Softmax)]
    public void A_span_sums_the_maps_of_its_tokens_each_from_its_own_predicting_position(GradEllmSpatial spatial)
    {
        var method = new GradEllm(new GradEllmOptions { Spatial = spatial });
        var l = Gpt2Fixture.Context.Length;
        var span = method.Attribute(new AttributionRequest(model, Gpt2Fixture.Context, new AttributionTarget.Span([Target, 7])));
        var first = method.Attribute(new AttributionRequest(model, Gpt2Fixture.Context, new AttributionTarget.Token(Target))).Scores;
        var second = method.Attribute(new AttributionRequest(model, [.. Gpt2Fixture.Context, Target], new AttributionTarget.Token(7))).Scores[..l];

        // Each single-token run is its map divided by an unknown total, so the span's scores must be
        // a positive combination a * first + b * second: fit a, b by least squares and check the residual.
        double Dot(IReadOnlyList<float> x, IReadOnlyList<float> y) => x.Zip(y, (p, q) => (double)p * q).Sum();
        var (ff, fs, ss, fy, sy) = (Dot(first, first), Dot(first, second), Dot(second, second), Dot(first, span.Scores), Dot(second, span.Scores));
        var determinant = ff * ss - fs * fs;
        var a = (fy * ss - sy * fs) / determinant;
        var b = (sy * ff - fy * fs) / determinant;
        var fitted = first.Zip(second, (p, q) => a * p + b * q).ToArray();

        Assert.That(span.Scores.Select(x => (double)x), Is.EqualTo(fitted).Within(1e-5));
        Assert.That(a, Is.GreaterThan(0));
        Assert.That(b, Is.GreaterThan(0));
        Assert.That(span.Scores.Sum(), Is.EqualTo(1).Within(1e-5));
        Assert.That((span.Cost.ForwardPasses, span.Cost.BackwardPasses), Is.EqualTo((1L, 2L)), "one forward, one backward per span token");
    }

    [Test]
    public void More_last_layers_than_the_model_has_are_all_of_them_so_one_value_serves_models_of_several_depths()
    {
        var request = new AttributionRequest(model, Gpt2Fixture.Context, new AttributionTarget.Token(Target));
        var layers = model.Dimensions!.Layers;

        Assert.That(new GradEllm(new GradEllmOptions { LastLayers = (int)layers + 1 }).Attribute(request).Scores,
            Is.EqualTo(new GradEllm().Attribute(request).Scores));
    }

    [Test]
    public void Grouped_query_heads_read_the_key_value_head_of_their_group()
    {
        var request = new AttributionRequest(model, Gpt2Fixture.Context, new AttributionTarget.Token(Target));
        var scores = new GradEllm().Attribute(request).Scores.Select(s => (double)s).ToArray();

        var grouped = ByHand(GradEllmSpatial.Cosine, null, (head, group) => head / group);
        var interleaved = ByHand(GradEllmSpatial.Cosine, null, (head, group) => head % (4 / group));

        Assert.That(scores, Is.EqualTo(grouped).Within(1e-5), "query head h pairs with kv head h / group (transformers' repeat_kv)");
        if (architecture == "llama")
            Assert.That(grouped.Zip(interleaved).Max(p => Math.Abs(p.First - p.Second)), Is.GreaterThan(1e-3), "a wrong pairing is visible on this model");
    }

    [Test]
    public void With_softmax_weights_and_no_relu_each_layer_sums_to_its_first_order_term()
    {
        var request = new AttributionRequest(model, Gpt2Fixture.Context, new AttributionTarget.Token(Target));
        double Total(int layers) => layers == 0 ? 0 : new GradEllm(new GradEllmOptions { Spatial = GradEllmSpatial.Softmax, Relu = false, LastLayers = layers })
            .Attribute(request).Diagnostics["heat_total"];
        var terms = FirstOrderTerms();

        for (var k = 1; k <= terms.Length; k++)
        {
            var layer = terms.Length - k;
            var sum = Total(k) - Total(k - 1);
            Assert.That(sum, Is.EqualTo(terms[layer]).Within(1e-5 * Math.Max(1, Math.Abs(terms[layer]))), $"layer {layer}");
        }
    }

    /// <summary>sum_h w^h . z^h_t per layer, from the captured mixtures and their gradients.</summary>
    private double[] FirstOrderTerms()
    {
        using var scope = torch.NewDisposeScope();
        var l = Gpt2Fixture.Context.Length;
        var t = l - 1;
        var embeddings = model.Embed(torch.tensor(Gpt2Fixture.Context, [1, l])).detach().requires_grad_();
        var capture = new ActivationCapture(CapturePoint.HeadMixture);
        var output = model.Forward(ModelInput.FromEmbeddings(embeddings), new ForwardOptions { Capture = capture });
        var layers = capture.All.Keys.Select(k => k.Layer).Distinct().Order().ToList();
        var mixtures = layers.Select(i => capture.Get(i, CapturePoint.HeadMixture)).ToList();
        var grads = torch.autograd.grad([output.Logits[0, t, Target]], mixtures);
        return layers.Select(i => grads[i]!.select(0, 0).select(1, t).to(ScalarType.Float64)
            .mul(mixtures[i].select(0, 0).select(1, t).to(ScalarType.Float64)).sum().ToDouble()).ToArray();
    }

    /// <param name="kvHead">Which key/value head query head h reads, given the group size (query heads per kv head).</param>
    private double[] ByHand(GradEllmSpatial spatial, int? lastLayers, Func<int, int, int> kvHead)
    {
        using var scope = torch.NewDisposeScope();
        var l = Gpt2Fixture.Context.Length;
        var t = l - 1;
        var embeddings = model.Embed(torch.tensor(Gpt2Fixture.Context, [1, l])).detach().requires_grad_();
        var capture = new ActivationCapture(CapturePoint.Query, CapturePoint.Key, CapturePoint.Value, CapturePoint.HeadMixture);
        var output = model.Forward(ModelInput.FromEmbeddings(embeddings), new ForwardOptions { Capture = capture, OutputAttentions = true });
        var layerCount = output.Attentions!.Count;
        var layers = Enumerable.Range(layerCount - (lastLayers ?? layerCount), lastLayers ?? layerCount).ToList();
        var grads = torch.autograd.grad([output.Logits[0, t, Target]], layers.Select(i => capture.Get(i, CapturePoint.HeadMixture)).ToList());

        var heat = new double[l];
        for (var n = 0; n < layers.Count; n++)
        {
            var q = Values4(capture.Get(layers[n], CapturePoint.Query));                                  // [H][T][Dh]
            var k = Values4(capture.Get(layers[n], CapturePoint.Key));                                    // [Hkv][S][Dh]
            var v = Values4(capture.Get(layers[n], CapturePoint.Value));
            var attention = Values4(output.Attentions[layers[n]]);                                       // [H][T][S]
            var w = Values4(grads[n]!);                                                                    // [H][T][Dh]: d logit / d z
            var (h, dh) = (q.Length, q[0][0].Length);
            var group = h / k.Length;                                                                     // q heads per kv head
            var map = new double[l];
            for (var head = 0; head < h; head++)
            {
                var kv = kvHead(head, group);
                var lambda = new double[l];
                for (var i = 0; i < l; i++)
                {
                    var key = k[kv][i];
                    var query = q[head][t];
                    var dot = Enumerable.Range(0, dh).Sum(c => query[c] * key[c]);
                    lambda[i] = spatial == GradEllmSpatial.Softmax ? attention[head][t][i]
                        : dot / (Math.Sqrt(query.Sum(x => x * x)) * Math.Sqrt(key.Sum(x => x * x)));
                }

                if (spatial == GradEllmSpatial.Cosine)
                {
                    var (low, high) = (lambda.Min(), lambda.Max());
                    for (var i = 0; i < l; i++) lambda[i] = (lambda[i] - low) / (high - low);
                }

                // Head h's channels pair with head h's gradient (one basis), weighted by head h's own lambda.
                for (var i = 0; i < l; i++)
                    for (var c = 0; c < dh; c++) map[i] += w[head][t][c] * lambda[i] * v[kv][i][c];
            }

            for (var i = 0; i < l; i++) heat[i] += Math.Max(0, map[i]);
        }

        var total = heat.Sum();
        return heat.Select(x => x / total).ToArray();
    }

    /// <summary>[1, A, B, C] -> double[A][B][C].</summary>
    private static double[][][] Values4(Tensor x)
    {
        var (a, b, c) = ((int)x.size(1), (int)x.size(2), (int)x.size(3));
        var flat = x.to(ScalarType.Float64).ToArray<double>();
        return Enumerable.Range(0, a).Select(i => Enumerable.Range(0, b).Select(j => flat.AsSpan((i * b + j) * c, c).ToArray()).ToArray()).ToArray();
    }
}
