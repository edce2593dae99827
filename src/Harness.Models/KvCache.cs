using Harness.Torch;

namespace Harness.Models;

/// <summary>Keys and values of the positions already processed, per layer ([B, H_kv, S, Dh] each),
/// so incremental decoding computes only the new positions. Owns its tensors.</summary>
public sealed class KvCache : IDisposable
{
    private readonly (Tensor Keys, Tensor Values)?[] layers;

    /// <summary>An empty cache for a model of <paramref name="layerCount"/> layers.</summary>
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

    /// <summary>A cache for a batch of <paramref name="batch"/> sequences that all continue this
    /// one-sequence cache (a shared prompt prefix): each layer is a broadcast view, so nothing is
    /// copied until the new positions are appended. The copy owns its views; this cache is unchanged.</summary>
    public KvCache Expand(long batch)
    {
        var copy = new KvCache(layers.Length);
        for (var i = 0; i < layers.Length; i++)
        {
            if (layers[i] is not { } l) continue;
            if (l.Keys.size(0) != 1) throw new InvalidOperationException($"only a one-sequence cache can be expanded; this one holds {l.Keys.size(0)}");
            copy.layers[i] = (l.Keys.expand(batch, -1, -1, -1).DetachFromDisposeScope(),                 // [B, H, S, Dh]
                l.Values.expand(batch, -1, -1, -1).DetachFromDisposeScope());
        }

        return copy;
    }

    /// <summary>Frees the cached keys and values.</summary>
    public void Dispose()
    {
        foreach (var l in layers)
        {
            l?.Keys.Dispose();
            l?.Values.Dispose();
        }
    }
}
