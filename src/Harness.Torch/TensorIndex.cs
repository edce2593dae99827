namespace Harness.Torch;

/// <summary>One entry of a Python-style index expression t[1, ..., 2:5, None].</summary>
public readonly struct TensorIndex
{
    private enum Kind { Single, Slice, None, Ellipsis, Tensor }

    private readonly Kind kind;
    private readonly long single;
    private readonly long? start;
    private readonly long? stop;
    private readonly long step;
    private readonly Tensor? tensor;

    private TensorIndex(Kind kind, long single = 0, long? start = null, long? stop = null, long step = 1, Tensor? tensor = null)
    {
        this.kind = kind;
        this.single = single;
        this.start = start;
        this.stop = stop;
        this.step = step;
        this.tensor = tensor;
    }

    /// <summary>A new dimension of size 1 (Python's None).</summary>
    public static TensorIndex None => new(Kind.None);

    /// <summary>All remaining dimensions (Python's ...).</summary>
    public static TensorIndex Ellipsis => new(Kind.Ellipsis);

    /// <summary>start:stop:step; a missing bound means the start or end of the dimension.</summary>
    public static TensorIndex Slice(long? start = null, long? stop = null, long step = 1) => new(Kind.Slice, start: start, stop: stop, step: step);

    /// <summary>Selects one index, removing the dimension (as <c>t[i]</c> in Python).</summary>
    public static TensorIndex Single(long index) => new(Kind.Single, single: index);

    /// <summary>Selects one index (<see cref="Single"/>).</summary>
    public static implicit operator TensorIndex(long index) => Single(index);

    /// <summary>Selects one index (<see cref="Single"/>).</summary>
    public static implicit operator TensorIndex(int index) => Single(index);

    /// <summary>Selects a slice, as <c>t[a:b]</c> in Python (from-end indices allowed).</summary>
    public static implicit operator TensorIndex(Range range)
    {
        // ^0 as a start is the end of the dimension (nothing left); slice clamps long.MaxValue to it.
        long? s = range.Start.IsFromEnd ? (range.Start.Value == 0 ? long.MaxValue : -range.Start.Value) : range.Start.Value;
        long? e = range.End.IsFromEnd ? (range.End.Value == 0 ? null : -range.End.Value) : range.End.Value;
        return Slice(s, e);
    }

    /// <summary>Selects by a tensor of indices or a Boolean mask.</summary>
    public static implicit operator TensorIndex(Tensor t) => new(Kind.Tensor, tensor: t);

    internal static Tensor Apply(Tensor source, TensorIndex[] indices)
    {
        var consumed = indices.Count(i => i.kind is Kind.Single or Kind.Slice or Kind.Tensor);
        if (indices.Count(i => i.kind == Kind.Ellipsis) > 1)
            throw new ArgumentException("an index may hold at most one Ellipsis");
        var rank = source.ndim;
        if (consumed > rank)
            throw new ArgumentException($"too many indices ({consumed}) for a tensor of {rank} dimensions");

        using var scope = torch.NewDisposeScope();
        var result = source.alias();
        long dim = 0;
        foreach (var index in indices)
        {
            switch (index.kind)
            {
                case Kind.Single:
                    result = result.select(dim, index.single);
                    break;
                case Kind.Slice:
                    result = result.slice(dim, index.start ?? 0, index.stop ?? long.MaxValue, index.step);
                    dim++;
                    break;
                case Kind.None:
                    result = result.unsqueeze(dim);
                    dim++;
                    break;
                case Kind.Ellipsis:
                    dim += rank - consumed;
                    break;
                case Kind.Tensor:
                    var t = index.tensor!;
                    if (t.dtype == ScalarType.Bool)
                    {
                        if (dim != 0 || t.ndim != result.ndim)
                            throw new ArgumentException("a bool mask index must cover the whole tensor (t[mask])");
                        result = result.masked_select(t);
                        dim++;
                    }
                    else
                    {
                        if (t.ndim != 1)
                            throw new ArgumentException($"an integer index tensor must be 1-D, got {t.ndim} dimensions");
                        result = result.index_select(dim, t);
                        dim++;
                    }

                    break;
            }
        }

        return result.MoveToOuterDisposeScope();
    }
}
