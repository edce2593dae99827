using Harness.Torch;

namespace Harness.Models;

/// <summary>Keys and values of the positions already processed, per layer ([B, H_kv, S, Dh] each),
/// so incremental decoding computes only the new positions. Owns its tensors.</summary>
public sealed class KvCache : IDisposable
{
    private readonly (Tensor Keys, Tensor Values)?[] layers;

    public KvCache(int layerCount) => layers = new (Tensor, Tensor)?[layerCount];

    /// <summary>Positions held (S).</summary>
    public long Length => layers[0]?.Keys.size(2) ?? 0;

    /// <summary>Appends the new positions' keys and values of one layer and returns all of them;
    /// the returned tensors belong to the caller's scope, the cache keeps its own handles.</summary>
    public (Tensor Keys, Tensor Values) Append(int layer, Tensor keys, Tensor values)
    {
        var previous = layers[layer];
        Tensor allKeys, allValues;
        if (previous is { } p)
        {
            allKeys = torch.cat([p.Keys, keys], 2);                                 // [B, H, S + T, Dh]
            allValues = torch.cat([p.Values, values], 2);
            p.Keys.Dispose();
            p.Values.Dispose();
        }
        else
        {
            allKeys = keys.alias();
            allValues = values.alias();
        }

        layers[layer] = (allKeys.alias().DetachFromDisposeScope(), allValues.alias().DetachFromDisposeScope());
        return (allKeys, allValues);
    }

    public void Dispose()
    {
        foreach (var l in layers)
        {
            l?.Keys.Dispose();
            l?.Values.Dispose();
        }
    }
}
