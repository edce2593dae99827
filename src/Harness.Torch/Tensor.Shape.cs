using Harness.Torch.Native;

namespace Harness.Torch;

// Views and shape operations (pytorch.org/docs/stable/tensor_view.html and torch "Indexing,
// Slicing, Joining, Mutating Ops").
public sealed partial class Tensor
{
    /// <summary>A view with the given shape (the tensor must be contiguous enough; -1 infers one size) (PyTorch's <c>Tensor.view</c>).</summary>
    public unsafe Tensor view(params long[] shape)
    {
        fixed (long* p = shape) return Wrap(Hx.hx_view(this, p, shape.Length));
    }

    /// <summary>The same elements in the given shape (a view when possible; -1 infers one size) (PyTorch's <c>Tensor.reshape</c>).</summary>
    public unsafe Tensor reshape(params long[] shape)
    {
        fixed (long* p = shape) return Wrap(Hx.hx_reshape(this, p, shape.Length));
    }

    /// <summary>A view with the dimensions reordered (PyTorch's <c>Tensor.permute</c>).</summary>
    public unsafe Tensor permute(params long[] dims)
    {
        fixed (long* p = dims) return Wrap(Hx.hx_permute(this, p, dims.Length));
    }

    /// <summary>A view with two dimensions swapped (PyTorch's <c>Tensor.transpose</c>).</summary>
    public Tensor transpose(long dim0, long dim1) => Wrap(Hx.hx_transpose(this, dim0, dim1));

    /// <summary>The transpose of a matrix (Tensor.T for 2-D tensors).</summary>
    public Tensor t() => transpose(0, 1);

    /// <summary>The dimensions from start to end flattened into one (PyTorch's <c>Tensor.flatten</c>).</summary>
    public Tensor flatten(long start_dim = 0, long end_dim = -1) => Wrap(Hx.hx_flatten(this, start_dim, end_dim));

    /// <summary>A broadcast view; -1 keeps a dimension's size.</summary>
    public unsafe Tensor expand(params long[] shape)
    {
        fixed (long* p = shape) return Wrap(Hx.hx_expand(this, p, shape.Length));
    }

    /// <summary>A broadcast view with the shape of the other tensor (PyTorch's <c>Tensor.expand_as</c>).</summary>
    public Tensor expand_as(Tensor other) => expand(other.shape);

    /// <summary>A view with a dimension of size 1 inserted (PyTorch's <c>Tensor.unsqueeze</c>).</summary>
    public Tensor unsqueeze(long dim) => Wrap(Hx.hx_unsqueeze(this, dim));

    /// <summary>A view without dimensions of size 1 (all, or the given one when it has size 1) (PyTorch's <c>Tensor.squeeze</c>).</summary>
    public Tensor squeeze() => Wrap(Hx.hx_squeeze(this));

    /// <summary>A view without dimensions of size 1 (all, or the given one when it has size 1) (PyTorch's <c>Tensor.squeeze</c>).</summary>
    public Tensor squeeze(long dim) => Wrap(Hx.hx_squeeze_dim(this, dim));

    /// <summary>The tensor tiled the given number of times along each dimension (PyTorch's <c>Tensor.repeat</c>).</summary>
    public unsafe Tensor repeat(params long[] repeats)
    {
        fixed (long* p = repeats) return Wrap(Hx.hx_repeat(this, p, repeats.Length));
    }

    /// <summary>Each element (or slice along the dimension) repeated in place (PyTorch's <c>Tensor.repeat_interleave</c>).</summary>
    public Tensor repeat_interleave(long repeats, long dim) => Wrap(Hx.hx_repeat_interleave(this, repeats, dim));

    /// <summary>A copy reversed along the given dimensions (PyTorch's <c>Tensor.flip</c>).</summary>
    public unsafe Tensor flip(params long[] dims)
    {
        fixed (long* p = dims) return Wrap(Hx.hx_flip(this, p, dims.Length));
    }

    /// <summary>A copy with the elements above the diagonal set to 0 (PyTorch's <c>Tensor.tril</c>).</summary>
    public Tensor tril(long diagonal = 0) => Wrap(Hx.hx_tril(this, diagonal));

    /// <summary>A copy with the elements below the diagonal set to 0 (PyTorch's <c>Tensor.triu</c>).</summary>
    public Tensor triu(long diagonal = 0) => Wrap(Hx.hx_triu(this, diagonal));

    /// <summary>Pieces of <paramref name="split_size"/> along dim (the last may be smaller).</summary>
    public Tensor[] split(long split_size, long dim = 0) => FromList(Hx.hx_split(this, split_size, dim));

    /// <summary>Views of the given sizes along the dimension (PyTorch's <c>Tensor.split</c>).</summary>
    public unsafe Tensor[] split(long[] sizes, long dim = 0)
    {
        fixed (long* p = sizes) return FromList(Hx.hx_split_with_sizes(this, p, sizes.Length, dim));
    }

    /// <summary>Views of (nearly) equal size along the dimension (PyTorch's <c>Tensor.chunk</c>).</summary>
    public Tensor[] chunk(long chunks, long dim = 0) => FromList(Hx.hx_chunk(this, chunks, dim));

    /// <summary>A view of <paramref name="length"/> elements from <paramref name="start"/> along the dimension (PyTorch's <c>Tensor.narrow</c>).</summary>
    public Tensor narrow(long dim, long start, long length) => Wrap(Hx.hx_narrow(this, dim, start, length));

    /// <summary>t[start:end:step] along dim, with Python's clamping of start and end.</summary>
    public Tensor slice(long dim, long start, long end, long step = 1) => Wrap(Hx.hx_slice(this, dim, start, end, step));

    /// <summary>t[..., index, ...] at dim: removes that dimension.</summary>
    public Tensor select(long dim, long index) => Wrap(Hx.hx_select(this, dim, index));

    /// <summary>The slices at <paramref name="index"/> along the dimension (PyTorch's <c>Tensor.index_select</c>).</summary>
    public Tensor index_select(long dim, Tensor index) => Wrap(Hx.hx_index_select(this, dim, index));

    /// <summary>The elements where <paramref name="mask"/> is true, as a 1-D tensor (t[mask]).</summary>
    public Tensor masked_select(Tensor mask) => Wrap(Hx.hx_masked_select(this, mask));

    /// <summary>Values at <paramref name="index"/> along the dimension (out[i][j] = self[i][index[i][j]] for dim 1) (PyTorch's <c>Tensor.gather</c>).</summary>
    public Tensor gather(long dim, Tensor index) => Wrap(Hx.hx_gather(this, dim, index));

    /// <summary>A copy with values written at <paramref name="index"/> along the dimension (PyTorch's <c>Tensor.scatter</c>).</summary>
    public Tensor scatter(long dim, Tensor index, Tensor src) => Wrap(Hx.hx_scatter(this, dim, index, src));

    /// <summary>A copy with values written at <paramref name="index"/> along the dimension (PyTorch's <c>Tensor.scatter</c>).</summary>
    public Tensor scatter(long dim, Tensor index, Scalar value) => Wrap(Hx.hx_scatter_value(this, dim, index, value.Value));

    /// <summary>A copy with the source added at <paramref name="index"/> along the dimension (repeats accumulate) (PyTorch's <c>Tensor.scatter_add</c>).</summary>
    public Tensor scatter_add(long dim, Tensor index, Tensor src) => Wrap(Hx.hx_scatter_add(this, dim, index, src));

    /// <summary>A copy with <paramref name="value"/> where <paramref name="mask"/> is true (mask broadcast to the shape) (PyTorch's <c>Tensor.masked_fill</c>).</summary>
    public Tensor masked_fill(Tensor mask, Scalar value) => Wrap(Hx.hx_masked_fill(this, mask, value.Value));

    /// <summary>Python-style indexing: integers select, <see cref="TensorIndex.Slice"/> slices,
    /// <see cref="TensorIndex.None"/> inserts a dimension, <see cref="TensorIndex.Ellipsis"/> skips
    /// the remaining ones, a bool tensor selects by mask and an int64 tensor picks indices.</summary>
    public Tensor this[params TensorIndex[] indices] => TensorIndex.Apply(this, indices);
}
