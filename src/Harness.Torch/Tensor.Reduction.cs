using Harness.Torch.Native;

namespace Harness.Torch;

// Reductions, sorting and selection (pytorch.org/docs/stable/torch.html#reduction-ops).
public sealed partial class Tensor
{
    private static readonly long[] AllDims = [];

    /// <summary>The sum of every element.</summary>
    public Tensor sum(ScalarType? dtype = null) => sum(AllDims, false, dtype);

    /// <summary>Sum over the given dimensions (all when none), in <paramref name="dtype"/> when given (PyTorch's <c>Tensor.sum</c>).</summary>
    public Tensor sum(long dim, bool keepdim = false, ScalarType? dtype = null) => sum([dim], keepdim, dtype);

    /// <summary>Makes t.sum(0) reduce dimension 0: a literal 0 converts to any enum, so without this
    /// overload it would bind to sum(ScalarType?) and sum everything as uint8.</summary>
    public Tensor sum(int dim, bool keepdim = false, ScalarType? dtype = null) => sum([dim], keepdim, dtype);

    /// <summary>Sum over the given dimensions (all when none), in <paramref name="dtype"/> when given (PyTorch's <c>Tensor.sum</c>).</summary>
    public unsafe Tensor sum(long[] dims, bool keepdim = false, ScalarType? dtype = null)
    {
        fixed (long* p = dims) return Wrap(Hx.hx_sum(this, p, dims.Length, keepdim ? 1 : 0, (int?)dtype ?? -1));
    }

    /// <summary>Mean over the given dimensions (all when none), in <paramref name="dtype"/> when given (PyTorch's <c>Tensor.mean</c>).</summary>
    public Tensor mean(ScalarType? dtype = null) => mean(AllDims, false, dtype);

    /// <summary>Mean over the given dimensions (all when none), in <paramref name="dtype"/> when given (PyTorch's <c>Tensor.mean</c>).</summary>
    public Tensor mean(long dim, bool keepdim = false, ScalarType? dtype = null) => mean([dim], keepdim, dtype);

    /// <summary>Makes t.mean(0) reduce dimension 0 (see <see cref="sum(int, bool, ScalarType?)"/>).</summary>
    public Tensor mean(int dim, bool keepdim = false, ScalarType? dtype = null) => mean([dim], keepdim, dtype);

    /// <summary>Mean over the given dimensions (all when none), in <paramref name="dtype"/> when given (PyTorch's <c>Tensor.mean</c>).</summary>
    public unsafe Tensor mean(long[] dims, bool keepdim = false, ScalarType? dtype = null)
    {
        fixed (long* p = dims) return Wrap(Hx.hx_mean(this, p, dims.Length, keepdim ? 1 : 0, (int?)dtype ?? -1));
    }

    /// <summary>Product of all elements (PyTorch's <c>Tensor.prod</c>).</summary>
    public Tensor prod(ScalarType? dtype = null) => Wrap(Hx.hx_prod(this, (int?)dtype ?? -1));

    /// <summary>The largest element.</summary>
    public Tensor max() => Wrap(Hx.hx_max_all(this));

    /// <summary>Minimum: of all elements, or along a dimension with the indices of the minima (PyTorch's <c>Tensor.min</c>).</summary>
    public Tensor min() => Wrap(Hx.hx_min_all(this));

    /// <summary>The largest values along dim and where they are.</summary>
    public (Tensor values, Tensor indices) max(long dim, bool keepdim = false)
    {
        Check(Hx.hx_max_dim(this, dim, keepdim ? 1 : 0, out var v, out var i));
        return (Wrap(v), Wrap(i));
    }

    /// <summary>Minimum: of all elements, or along a dimension with the indices of the minima (PyTorch's <c>Tensor.min</c>).</summary>
    public (Tensor values, Tensor indices) min(long dim, bool keepdim = false)
    {
        Check(Hx.hx_min_dim(this, dim, keepdim ? 1 : 0, out var v, out var i));
        return (Wrap(v), Wrap(i));
    }

    /// <summary>Index of the largest element of the flattened tensor.</summary>
    public Tensor argmax() => Wrap(Hx.hx_argmax(this, 0, 0, 0));

    /// <summary>Index of the maximum: of the flattened tensor, or along a dimension (PyTorch's <c>Tensor.argmax</c>).</summary>
    public Tensor argmax(long dim, bool keepdim = false) => Wrap(Hx.hx_argmax(this, 1, dim, keepdim ? 1 : 0));

    /// <summary>Index of the minimum: of the flattened tensor, or along a dimension (PyTorch's <c>Tensor.argmin</c>).</summary>
    public Tensor argmin() => Wrap(Hx.hx_argmin(this, 0, 0, 0));

    /// <summary>Index of the minimum: of the flattened tensor, or along a dimension (PyTorch's <c>Tensor.argmin</c>).</summary>
    public Tensor argmin(long dim, bool keepdim = false) => Wrap(Hx.hx_argmin(this, 1, dim, keepdim ? 1 : 0));

    /// <summary>The k largest (or smallest) values along the dimension and their indices (PyTorch's <c>Tensor.topk</c>).</summary>
    public (Tensor values, Tensor indices) topk(long k, long dim = -1, bool largest = true, bool sorted = true)
    {
        Check(Hx.hx_topk(this, k, dim, largest ? 1 : 0, sorted ? 1 : 0, out var v, out var i));
        return (Wrap(v), Wrap(i));
    }

    /// <summary>Sorted values and their original positions; stable keeps equal elements in order.</summary>
    public (Tensor values, Tensor indices) sort(long dim = -1, bool descending = false, bool stable = false)
    {
        Check(Hx.hx_sort(this, dim, descending ? 1 : 0, stable ? 1 : 0, out var v, out var i));
        return (Wrap(v), Wrap(i));
    }

    /// <summary>Indices that sort along the dimension (PyTorch's <c>Tensor.argsort</c>).</summary>
    public Tensor argsort(long dim = -1, bool descending = false, bool stable = false)
    {
        var (values, indices) = sort(dim, descending, stable);
        values.Dispose();
        return indices;
    }

    /// <summary>Cumulative sum along the dimension (PyTorch's <c>Tensor.cumsum</c>).</summary>
    public Tensor cumsum(long dim, ScalarType? dtype = null) => Wrap(Hx.hx_cumsum(this, dim, (int?)dtype ?? -1));

    /// <summary>The vector p-norm over every element (torch.linalg.vector_norm).</summary>
    public Tensor norm(double p = 2) => norm(p, AllDims);

    /// <summary>The p-norm over the given dimensions (PyTorch's <c>Tensor.norm</c>).</summary>
    public unsafe Tensor norm(double p, long[] dims, bool keepdim = false)
    {
        fixed (long* d = dims) return Wrap(Hx.hx_norm(this, p, d, dims.Length, keepdim ? 1 : 0));
    }

    /// <summary>log(sum(exp(x))) over the dimensions, computed stably (PyTorch's <c>Tensor.logsumexp</c>).</summary>
    public Tensor logsumexp(long dim, bool keepdim = false) => logsumexp([dim], keepdim);

    /// <summary>log(sum(exp(x))) over the dimensions, computed stably (PyTorch's <c>Tensor.logsumexp</c>).</summary>
    public unsafe Tensor logsumexp(long[] dims, bool keepdim = false)
    {
        fixed (long* p = dims) return Wrap(Hx.hx_logsumexp(this, p, dims.Length, keepdim ? 1 : 0));
    }

    /// <summary>Whether every element is true (non-zero) (PyTorch's <c>Tensor.all</c>).</summary>
    public Tensor all() => Wrap(Hx.hx_all(this));

    /// <summary>Whether some element is true (non-zero) (PyTorch's <c>Tensor.any</c>).</summary>
    public Tensor any() => Wrap(Hx.hx_any(this));

    /// <summary>|this - other| &lt;= atol + rtol * |other| everywhere.</summary>
    public bool allclose(Tensor other, double rtol = 1e-5, double atol = 1e-8)
    {
        Check(Hx.hx_allclose(this, other, rtol, atol, out var result));
        return result != 0;
    }

    /// <summary>Same shape and the same values.</summary>
    public bool equal(Tensor other)
    {
        Check(Hx.hx_equal(this, other, out var result));
        return result != 0;
    }
}
