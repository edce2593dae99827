using Harness.Torch.Native;

namespace Harness.Torch;

// Views and shape operations (pytorch.org/docs/stable/tensor_view.html and torch "Indexing,
// Slicing, Joining, Mutating Ops").
public sealed partial class Tensor
{
    public unsafe Tensor view(params long[] shape)
    {
        fixed (long* p = shape) return Wrap(Hx.hx_view(this, p, shape.Length));
    }

    public unsafe Tensor reshape(params long[] shape)
    {
        fixed (long* p = shape) return Wrap(Hx.hx_reshape(this, p, shape.Length));
    }

    public unsafe Tensor permute(params long[] dims)
    {
        fixed (long* p = dims) return Wrap(Hx.hx_permute(this, p, dims.Length));
    }

    public Tensor transpose(long dim0, long dim1) => Wrap(Hx.hx_transpose(this, dim0, dim1));

    /// <summary>The transpose of a matrix (Tensor.T for 2-D tensors).</summary>
    public Tensor t() => transpose(0, 1);

    public Tensor flatten(long start_dim = 0, long end_dim = -1) => Wrap(Hx.hx_flatten(this, start_dim, end_dim));

    /// <summary>A broadcast view; -1 keeps a dimension's size.</summary>
    public unsafe Tensor expand(params long[] shape)
    {
        fixed (long* p = shape) return Wrap(Hx.hx_expand(this, p, shape.Length));
    }

    public Tensor expand_as(Tensor other) => expand(other.shape);

    public Tensor unsqueeze(long dim) => Wrap(Hx.hx_unsqueeze(this, dim));

    public Tensor squeeze() => Wrap(Hx.hx_squeeze(this));

    public Tensor squeeze(long dim) => Wrap(Hx.hx_squeeze_dim(this, dim));

    public unsafe Tensor repeat(params long[] repeats)
    {
        fixed (long* p = repeats) return Wrap(Hx.hx_repeat(this, p, repeats.Length));
    }

    public Tensor repeat_interleave(long repeats, long dim) => Wrap(Hx.hx_repeat_interleave(this, repeats, dim));

    public unsafe Tensor flip(params long[] dims)
    {
        fixed (long* p = dims) return Wrap(Hx.hx_flip(this, p, dims.Length));
    }

    public Tensor tril(long diagonal = 0) => Wrap(Hx.hx_tril(this, diagonal));

    public Tensor triu(long diagonal = 0) => Wrap(Hx.hx_triu(this, diagonal));

    /// <summary>Pieces of <paramref name="split_size"/> along dim (the last may be smaller).</summary>
    public Tensor[] split(long split_size, long dim = 0) => FromList(Hx.hx_split(this, split_size, dim));

    public unsafe Tensor[] split(long[] sizes, long dim = 0)
    {
        fixed (long* p = sizes) return FromList(Hx.hx_split_with_sizes(this, p, sizes.Length, dim));
    }

    public Tensor[] chunk(long chunks, long dim = 0) => FromList(Hx.hx_chunk(this, chunks, dim));

    public Tensor narrow(long dim, long start, long length) => Wrap(Hx.hx_narrow(this, dim, start, length));

    /// <summary>t[start:end:step] along dim, with Python's clamping of start and end.</summary>
    public Tensor slice(long dim, long start, long end, long step = 1) => Wrap(Hx.hx_slice(this, dim, start, end, step));

    /// <summary>t[..., index, ...] at dim: removes that dimension.</summary>
    public Tensor select(long dim, long index) => Wrap(Hx.hx_select(this, dim, index));

    public Tensor index_select(long dim, Tensor index) => Wrap(Hx.hx_index_select(this, dim, index));

    /// <summary>The elements where <paramref name="mask"/> is true, as a 1-D tensor (t[mask]).</summary>
    public Tensor masked_select(Tensor mask) => Wrap(Hx.hx_masked_select(this, mask));

    public Tensor gather(long dim, Tensor index) => Wrap(Hx.hx_gather(this, dim, index));

    public Tensor scatter(long dim, Tensor index, Tensor src) => Wrap(Hx.hx_scatter(this, dim, index, src));

    public Tensor scatter(long dim, Tensor index, Scalar value) => Wrap(Hx.hx_scatter_value(this, dim, index, value.Value));

    public Tensor scatter_add(long dim, Tensor index, Tensor src) => Wrap(Hx.hx_scatter_add(this, dim, index, src));

    public Tensor masked_fill(Tensor mask, Scalar value) => Wrap(Hx.hx_masked_fill(this, mask, value.Value));

    /// <summary>Python-style indexing: integers select, <see cref="TensorIndex.Slice"/> slices,
    /// <see cref="TensorIndex.None"/> inserts a dimension, <see cref="TensorIndex.Ellipsis"/> skips
    /// the remaining ones, a bool tensor selects by mask and an int64 tensor picks indices.</summary>
    public Tensor this[params TensorIndex[] indices] => TensorIndex.Apply(this, indices);
}
