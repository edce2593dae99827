using Harness.Torch;

namespace Harness.Models.Layers;

/// <summary>Additive attention masks: 0 where a query may attend a key, the dtype's lowest value
/// elsewhere (Hugging Face uses finfo.min rather than -inf, so fully masked rows of pad queries
/// stay finite).</summary>
public static class AttentionMask
{
    /// <summary>[B, 1, T, S]: key s is visible to query t when s &lt;= t + (S - T) (causal, with S - T
    /// cached positions before the queries) and the key is not padding.</summary>
    public static Tensor Causal(long batch, long queries, long keys, Tensor? paddingMask, ScalarType dtype, Device device, long? slidingWindow = null)
    {
        using var scope = torch.NewDisposeScope();
        var offset = keys - queries;
        var q = torch.arange(offset, keys, device: device).view(queries, 1);     // [T, 1] absolute query positions
        var k = torch.arange(keys, device: device).view(1, keys);                // [1, S]
        var allowed = k.le(q);                                                    // [T, S]
        if (slidingWindow is { } w) allowed = allowed.logical_and(k.gt(q.sub(w)));
        var visible = allowed.view(1, 1, queries, keys).expand(batch, 1, queries, keys);
        if (paddingMask is not null)
            visible = visible.logical_and(paddingMask.to(ScalarType.Bool).view(batch, 1, 1, keys));
        var min = dtype switch
        {
            ScalarType.Float16 => -65504.0,
            ScalarType.BFloat16 => -3.3895313892515355e38,
            ScalarType.Float64 => double.MinValue,
            _ => float.MinValue,
        };
        var zeros = torch.zeros([1], dtype, device: device);
        var mask = torch.where(visible, zeros, torch.full([1], min, dtype, device: device));
        return mask.MoveToOuterDisposeScope();
    }
}
