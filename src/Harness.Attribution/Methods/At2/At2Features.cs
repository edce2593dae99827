using Harness.Attribution.Core;
using Harness.Models;
using Harness.Torch;

namespace Harness.Attribution.Methods;

/// <summary>
/// AT2's features (Cohen-Wang et al., "Learning to Attribute with Attention", section 3; spec/attributors.md
/// "AT2"): for source j and head (l, h), phi_j^{l,h} = the attention weight from the target tokens
/// to source j, averaged over the target tokens and summed over the source's tokens; one vector of
/// layers * heads per source, feature index l * heads + h (AT2's AttentionFeatureExtractor order).
/// <para>"The target tokens" are the query rows that predict them, as in AT2's get_attention_weights
/// (rows attribution_start - 1 .. attribution_end - 2 of the response): one forward pass over
/// context + target[..^1]; a token target uses the row of the last context token, a span target the
/// rows of its m predicting positions (<see cref="AttentionRows.Of"/>). Grouped-query models give one
/// feature per query head (the key/value heads are shared, the attention rows are not).</para>
/// </summary>
public sealed record At2Features(int Layers, int Heads, double[][] PerSource)
{
    /// <summary>Features per source (layers * heads).</summary>
    public int Count => Layers * Heads;

    /// <summary>The features of the run's sources from one forward pass with attentions (counted on its meter).</summary>
    public static At2Features Of(AttributionRun run)
    {
        using var scope = torch.NewDisposeScope();
        var rows = AttentionRows.Of(run);                                                               // per layer [H, m, L]
        var heads = rows[0].size(0);
        var perHead = torch.stack(rows).mean(2).narrow(2, run.RegionStart, run.RegionLength);            // [layers, H, R]
        var features = perHead.reshape(rows.Count * heads, run.RegionLength).t();                       // [R, layers * H]
        var values = features.ToArray<double>();
        var width = (int)(rows.Count * heads);
        var perSource = run.Sources.Groups.Select(group =>
        {
            var phi = new double[width];
            foreach (var position in group)
                for (var f = 0; f < width; f++) phi[f] += values[position * width + f];
            return phi;
        }).ToArray();
        return new At2Features(rows.Count, (int)heads, perSource);
    }

    /// <summary>The model's (layers, heads) as its attention output has them, from a one-token pass
    /// (for checking an estimator against a model before any attribution).</summary>
    public static (int Layers, int Heads) ShapeOf(ILanguageModel model)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var ids = torch.tensor(new long[] { 0 }, [1, 1], device: model.Device);
        var attentions = model.Forward(ModelInput.FromIds(ids), new ForwardOptions { OutputAttentions = true }).Attentions!;
        return (attentions.Count, (int)attentions[0].size(1));
    }
}
