using Harness.Attribution.Core;
using Harness.Models;
using Harness.Torch;
using Harness.Scoring;

namespace Harness.Attribution.Methods;

/// <summary>
/// grad_ellm: the harness's reading of Grad-ELLM (Huang &amp; Chan 2026, arXiv 2601.03089; spec/attributors.md,
/// "Grad-ELLM"; this is the one place that reading lives). The paper writes the target logit as a sum of per-layer
/// terms and linearises each in the attention output; the expansion o_t[c] = sum_i a_{t,i} v_i[c] holds per head in
/// the value space, before the output projection W_o. So for each chosen layer l, with t the predicting position:
/// z^h_t = sum_i a^h_{t,i} v^h_i is head h's mixture (<see cref="CapturePoint.HeadMixture"/>), w^h = d logit_y / d z^h_t,
/// lambda^h_i the spatial weight of head h (min-max normalised cos(q^h_t, k^h_i), or a^h_{t,i} with Spatial =
/// Softmax; grouped-query keys and values expanded to the query heads), and
/// H^l_i = ReLU(sum_h sum_c w^h_c lambda^h_i v^h_i[c]): channels paired in one basis, heads summed after the product.
/// Scores: H = sum_l H^l normalised to sum 1 (all zero stays zero, flagged by the run). One forward, one backward.
/// A span y_1..y_m (harness choice; the paper explains one token): the sequence is context plus y_1..y_{m-1}, each
/// y_j gets its own map from its predicting position t_j with w_j = d logit_{y_j} / d z_{t_j} (one backward each),
/// restricted to the context's positions, and the maps are summed before normalising. One forward, m backward.
/// </summary>
public sealed class GradEllm(GradEllmOptions? options = null) : IAttributor
{
    /// <summary>The spec's and YAML's name of Grad-ELLM.</summary>
    public const string MethodName = "grad_ellm";

    /// <summary>The registry's entry for this method.</summary>
    public static AttributorDescriptor Descriptor { get; } = new(MethodName, typeof(GradEllmOptions), (o, _) => new GradEllm((GradEllmOptions?)o))
    {
        Summary = "Grad-ELLM (Huang & Chan 2026): per-head gradient of the target logit at the attention mixture, weighted spatially (spec/attributors.md)",
        Needs = AttributorNeeds.Gradients | AttributorNeeds.Attention,
        Passes = PassRule.Fixed("1 forward + 1 backward", "Grad-ELLM paper, spec/attributors.md", _ => new PassEstimate(1, 1)),
    };

    private readonly GradEllmOptions options = Checked(options ?? new GradEllmOptions());

    /// <inheritdoc />
    public string Name => MethodName;

    /// <summary>The options' own ranges, checked when the method is made (so `harness validate` reports them at the
    /// attributor's line, before any model loads); those that need the model are checked per request.</summary>
    private static GradEllmOptions Checked(GradEllmOptions options) =>
        options.LastLayers is < 1 ? throw new AttributionException($"grad_ellm last_layers must be at least 1, got {options.LastLayers}") : options;

    /// <inheritdoc />
    public AttributionResult Attribute(AttributionRequest request, CancellationToken cancellationToken = default)
    {
        using var run = new AttributionRun(request, cancellationToken);
        var l = request.ContextIds.Count;
        var targetIds = request.Target.Ids;
        var m = targetIds.Count;

        // Parameters are frozen, so the graph starts at input embeddings that require gradients.
        var context = run.Scorer.ContextEmbeddings();                                                     // [1, L, D]
        var embeddings = (m == 1 ? context : torch.cat([context, request.Model.Embed(
            torch.tensor(targetIds.Take(m - 1).ToArray(), [1, m - 1], device: context.device))], 1)).detach().requires_grad_(); // [1, L + m - 1, D]
        var capture = new ActivationCapture(CapturePoint.Query, CapturePoint.Key, CapturePoint.Value, CapturePoint.HeadMixture);
        ModelOutput output;
        using (torch.enable_grad())
            output = request.Model.Forward(ModelInput.FromEmbeddings(embeddings),
                new ForwardOptions { Capture = capture, OutputAttentions = options.Spatial == GradEllmSpatial.Softmax });
        run.Meter.CountForward(1, embeddings.size(1));

        var layerCount = capture.All.Keys.Max(k => k.Layer) + 1;
        // Capped at the model's depth, so that one value serves a grid of models of several depths.
        var layers = Enumerable.Range(0, layerCount).Skip(layerCount - Math.Min(options.LastLayers ?? layerCount, layerCount)).ToList();
        var heat = torch.zeros([l], ScalarType.Float64, device: embeddings.device);
        for (var j = 0; j < m; j++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var t = l - 1 + j;
            var logit = output.Logits.select(1, t).select(1, targetIds[j]).sum();
            var gradients = torch.autograd.grad([logit], layers.Select(i => capture.Get(i, CapturePoint.HeadMixture)).ToList(), retain_graph: j < m - 1);
            run.Meter.CountBackward(1);
            using var noGrad = torch.no_grad();
            for (var n = 0; n < layers.Count; n++)
                heat.add_(LayerHeat(capture, output, layers[n], gradients[n]!, t).narrow(0, 0, l));
        }

        var total = heat.sum().ToDouble();
        // Before normalising: with one layer, softmax spatial weights and no ReLU this is the layer's first-order term.
        run.Diagnose("heat_total", total);
        var scores = total > 0 ? heat.div(total) : heat;
        return run.FinishWithContextScores(scores.to(ScalarType.Float32).cpu().ToArray<float>());
    }

    /// <summary>H^l over the positions up to t: ReLU(sum_h lambda^h_i (v^h_i . w^h)) for layer <paramref name="layer"/>
    /// seen from predicting position <paramref name="t"/>; <paramref name="gradient"/> is d logit / d z [1, H, T, Dh].</summary>
    private Tensor LayerHeat(ActivationCapture capture, ModelOutput output, int layer, Tensor gradient, int t)
    {
        var w = gradient.select(0, 0).select(1, t).to(ScalarType.Float64);                              // [H, Dh]
        var query = capture.Get(layer, CapturePoint.Query).select(0, 0).to(ScalarType.Float64);           // [H, T, Dh]
        var heads = query.size(0);
        var visible = t + 1;                                                                             // causal: keys 0..t
        var keys = ExpandHeads(capture.Get(layer, CapturePoint.Key).select(0, 0), heads).narrow(1, 0, visible);     // [H, S, Dh]
        var values = ExpandHeads(capture.Get(layer, CapturePoint.Value).select(0, 0), heads).narrow(1, 0, visible); // [H, S, Dh]
        var lambda = options.Spatial == GradEllmSpatial.Softmax
            ? output.Attentions![layer].select(0, 0).select(1, t).narrow(-1, 0, visible).to(ScalarType.Float64) // [H, S]
            : CosineSpatial(query.select(1, t), keys);                                                   // [H, S]
        var channels = values.matmul(w.unsqueeze(-1)).squeeze(-1);                                       // [H, S]: v^h_i . w^h
        var map = channels.mul(lambda).sum(0);                                                           // [S]
        return options.Relu ? map.relu() : map;
    }

    /// <summary>Grouped-query keys or values [H_kv, S, Dh] repeated to the query heads [H, S, Dh].</summary>
    private static Tensor ExpandHeads(Tensor perKvHead, long heads)
    {
        var kvHeads = perKvHead.size(0);
        var x = perKvHead.to(ScalarType.Float64);
        return kvHeads == heads ? x : x.repeat_interleave(heads / kvHeads, 0);
    }

    /// <summary>cos(q^h_t, k^h_i) min-max normalised over i, for each head h [H, S].</summary>
    private static Tensor CosineSpatial(Tensor query, Tensor keys)
    {
        var dots = keys.matmul(query.unsqueeze(-1)).squeeze(-1);                                         // [H, S]
        var cosine = dots.div(keys.norm(2, [-1]).mul(query.norm(2, [-1], keepdim: true)).clamp(min: 1e-12));
        var low = cosine.min(-1, keepdim: true).values;
        var high = cosine.max(-1, keepdim: true).values;
        return cosine.sub(low).div(high.sub(low).clamp(min: 1e-12));                                    // [H, S]
    }
}
