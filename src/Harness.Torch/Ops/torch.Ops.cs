using Harness.Torch.Native;

namespace Harness.Torch;

// Function forms of the tensor operations, for code that reads like PyTorch (torch.matmul(a, b)).
public static partial class torch
{
    /// <summary>The tensors joined along an existing dimension (PyTorch's <c>torch.cat</c>).</summary>
    public static unsafe Tensor cat(IReadOnlyList<Tensor> tensors, long dim = 0) =>
        Tensor.WithHandles(tensors, h =>
        {
            fixed (IntPtr* p = h) return Tensor.Wrap(Hx.hx_cat(p, h.Length, dim), "cat");
        });

    /// <summary>The tensors joined along a new dimension (PyTorch's <c>torch.stack</c>).</summary>
    public static unsafe Tensor stack(IReadOnlyList<Tensor> tensors, long dim = 0) =>
        Tensor.WithHandles(tensors, h =>
        {
            fixed (IntPtr* p = h) return Tensor.Wrap(Hx.hx_stack(p, h.Length, dim), "stack");
        });

    /// <summary>Elements of a where condition holds, else of b (broadcasting).</summary>
    public static Tensor where(Tensor condition, Tensor a, Tensor b) => Tensor.Wrap(Hx.hx_where(condition, a, b));

    /// <summary>Matrix product with PyTorch's broadcasting rules for 1-D and batched operands (PyTorch's <c>torch.matmul</c>).</summary>
    public static Tensor matmul(Tensor a, Tensor b) => a.matmul(b);

    /// <summary>Batched matrix product [B, n, m] x [B, m, p] -&gt; [B, n, p] (PyTorch's <c>torch.bmm</c>).</summary>
    public static Tensor bmm(Tensor a, Tensor b) => a.bmm(b);

    /// <summary>Element-wise sum self + alpha·other, broadcasting (PyTorch's <c>torch.add</c>).</summary>
    public static Tensor add(Tensor a, Tensor b, Scalar? alpha = null) => alpha is { } s ? a.add(b, s) : a.add(b);

    /// <summary>Element-wise difference self - alpha·other, broadcasting (PyTorch's <c>torch.sub</c>).</summary>
    public static Tensor sub(Tensor a, Tensor b) => a.sub(b);

    /// <summary>Element-wise product, broadcasting (PyTorch's <c>torch.mul</c>).</summary>
    public static Tensor mul(Tensor a, Tensor b) => a.mul(b);

    /// <summary>Element-wise true division, broadcasting (PyTorch's <c>torch.div</c>).</summary>
    public static Tensor div(Tensor a, Tensor b) => a.div(b);

    /// <summary>Element-wise power, broadcasting (PyTorch's <c>torch.pow</c>).</summary>
    public static Tensor pow(Tensor a, Scalar exponent) => a.pow(exponent);

    /// <summary>Element-wise power, broadcasting (PyTorch's <c>torch.pow</c>).</summary>
    public static Tensor pow(Tensor a, Tensor exponent) => a.pow(exponent);

    /// <summary>Element-wise power, broadcasting (PyTorch's <c>torch.pow</c>).</summary>
    public static Tensor pow(Scalar @base, Tensor exponent) => Tensor.RPow(@base, exponent);

    /// <summary>Element-wise maximum of two tensors, broadcasting (NaN propagates) (PyTorch's <c>torch.maximum</c>).</summary>
    public static Tensor maximum(Tensor a, Tensor b) => a.maximum(b);

    /// <summary>Element-wise minimum of two tensors, broadcasting (NaN propagates) (PyTorch's <c>torch.minimum</c>).</summary>
    public static Tensor minimum(Tensor a, Tensor b) => a.minimum(b);

    /// <summary>Element-wise e^x (PyTorch's <c>torch.exp</c>).</summary>
    public static Tensor exp(Tensor t) => t.exp();

    /// <summary>Element-wise natural logarithm (PyTorch's <c>torch.log</c>).</summary>
    public static Tensor log(Tensor t) => t.log();

    /// <summary>Element-wise ln(1 + x), accurate for small x (PyTorch's <c>torch.log1p</c>).</summary>
    public static Tensor log1p(Tensor t) => t.log1p();

    /// <summary>Element-wise square root (PyTorch's <c>torch.sqrt</c>).</summary>
    public static Tensor sqrt(Tensor t) => t.sqrt();

    /// <summary>Element-wise 1 / sqrt(x) (PyTorch's <c>torch.rsqrt</c>).</summary>
    public static Tensor rsqrt(Tensor t) => t.rsqrt();

    /// <summary>Element-wise |x| (PyTorch's <c>torch.abs</c>).</summary>
    public static Tensor abs(Tensor t) => t.abs();

    /// <summary>Element-wise -x (PyTorch's <c>torch.neg</c>).</summary>
    public static Tensor neg(Tensor t) => t.neg();

    /// <summary>Element-wise sine (radians) (PyTorch's <c>torch.sin</c>).</summary>
    public static Tensor sin(Tensor t) => t.sin();

    /// <summary>Element-wise cosine (radians) (PyTorch's <c>torch.cos</c>).</summary>
    public static Tensor cos(Tensor t) => t.cos();

    /// <summary>Element-wise hyperbolic tangent (PyTorch's <c>torch.tanh</c>).</summary>
    public static Tensor tanh(Tensor t) => t.tanh();

    /// <summary>Element-wise logistic 1 / (1 + e^-x) (PyTorch's <c>torch.sigmoid</c>).</summary>
    public static Tensor sigmoid(Tensor t) => t.sigmoid();

    /// <summary>Element-wise clamp into [min, max] (a null bound is open) (PyTorch's <c>torch.clamp</c>).</summary>
    public static Tensor clamp(Tensor t, Scalar? min = null, Scalar? max = null) => t.clamp(min, max);

    /// <summary>Softmax along the dimension, computed in <paramref name="dtype"/> when given (PyTorch's <c>torch.softmax</c>).</summary>
    public static Tensor softmax(Tensor t, long dim, ScalarType? dtype = null) => t.softmax(dim, dtype);

    /// <summary>Log of the softmax along the dimension (numerically stable), computed in <paramref name="dtype"/> when given (PyTorch's <c>torch.log_softmax</c>).</summary>
    public static Tensor log_softmax(Tensor t, long dim, ScalarType? dtype = null) => t.log_softmax(dim, dtype);

    /// <summary>A copy with the elements above the diagonal set to 0 (PyTorch's <c>torch.tril</c>).</summary>
    public static Tensor tril(Tensor t, long diagonal = 0) => t.tril(diagonal);

    /// <summary>A copy with the elements below the diagonal set to 0 (PyTorch's <c>torch.triu</c>).</summary>
    public static Tensor triu(Tensor t, long diagonal = 0) => t.triu(diagonal);

    /// <summary>A copy reversed along the given dimensions (PyTorch's <c>torch.flip</c>).</summary>
    public static Tensor flip(Tensor t, params long[] dims) => t.flip(dims);

    /// <summary>Sum over the given dimensions (all when none), in <c>dtype</c> when given (PyTorch's <c>torch.sum</c>).</summary>
    public static Tensor sum(Tensor t) => t.sum();

    /// <summary>Mean over the given dimensions (all when none), in <c>dtype</c> when given (PyTorch's <c>torch.mean</c>).</summary>
    public static Tensor mean(Tensor t) => t.mean();

    /// <summary>Index of the maximum: of the flattened tensor, or along a dimension (PyTorch's <c>torch.argmax</c>).</summary>
    public static Tensor argmax(Tensor t, long dim, bool keepdim = false) => t.argmax(dim, keepdim);

    /// <summary>The k largest (or smallest) values along the dimension and their indices (PyTorch's <c>torch.topk</c>).</summary>
    public static (Tensor values, Tensor indices) topk(Tensor t, long k, long dim = -1, bool largest = true, bool sorted = true) =>
        t.topk(k, dim, largest, sorted);

    /// <summary>Values sorted along the dimension and their original indices (PyTorch's <c>torch.sort</c>).</summary>
    public static (Tensor values, Tensor indices) sort(Tensor t, long dim = -1, bool descending = false, bool stable = false) =>
        t.sort(dim, descending, stable);

    /// <summary>Indices that sort along the dimension (PyTorch's <c>torch.argsort</c>).</summary>
    public static Tensor argsort(Tensor t, long dim = -1, bool descending = false, bool stable = false) => t.argsort(dim, descending, stable);

    /// <summary>Cumulative sum along the dimension (PyTorch's <c>torch.cumsum</c>).</summary>
    public static Tensor cumsum(Tensor t, long dim) => t.cumsum(dim);

    /// <summary>log(sum(exp(x))) over the dimensions, computed stably (PyTorch's <c>torch.logsumexp</c>).</summary>
    public static Tensor logsumexp(Tensor t, long dim, bool keepdim = false) => t.logsumexp(dim, keepdim);

    /// <summary>Values at <paramref name="index"/> along the dimension (out[i][j] = self[i][index[i][j]] for dim 1) (PyTorch's <c>torch.gather</c>).</summary>
    public static Tensor gather(Tensor t, long dim, Tensor index) => t.gather(dim, index);

    /// <summary>The slices at <paramref name="index"/> along the dimension (PyTorch's <c>torch.index_select</c>).</summary>
    public static Tensor index_select(Tensor t, long dim, Tensor index) => t.index_select(dim, index);

    /// <summary>A copy with <paramref name="value"/> where <paramref name="mask"/> is true (mask broadcast to the shape) (PyTorch's <c>torch.masked_fill</c>).</summary>
    public static Tensor masked_fill(Tensor t, Tensor mask, Scalar value) => t.masked_fill(mask, value);

    /// <summary>A view of <paramref name="length"/> elements from <paramref name="start"/> along the dimension (PyTorch's <c>torch.narrow</c>).</summary>
    public static Tensor narrow(Tensor t, long dim, long start, long length) => t.narrow(dim, start, length);

    /// <summary>Views of the given sizes along the dimension (PyTorch's <c>torch.split</c>).</summary>
    public static Tensor[] split(Tensor t, long split_size, long dim = 0) => t.split(split_size, dim);

    /// <summary>Views of (nearly) equal size along the dimension (PyTorch's <c>torch.chunk</c>).</summary>
    public static Tensor[] chunk(Tensor t, long chunks, long dim = 0) => t.chunk(chunks, dim);

    /// <summary>Each element (or slice along the dimension) repeated in place (PyTorch's <c>torch.repeat_interleave</c>).</summary>
    public static Tensor repeat_interleave(Tensor t, long repeats, long dim) => t.repeat_interleave(repeats, dim);

    /// <summary>Element-wise test for NaN (bool) (PyTorch's <c>torch.isnan</c>).</summary>
    public static Tensor isnan(Tensor t) => t.isnan();

    /// <summary>Element-wise test for a finite value (bool) (PyTorch's <c>torch.isfinite</c>).</summary>
    public static Tensor isfinite(Tensor t) => t.isfinite();

    /// <summary>Whether |a - b| &lt;= atol + rtol·|b| everywhere (PyTorch's <c>torch.allclose</c>).</summary>
    public static bool allclose(Tensor a, Tensor b, double rtol = 1e-5, double atol = 1e-8) => a.allclose(b, rtol, atol);

    /// <summary>Whether the tensors have the same shape and elements (PyTorch's <c>torch.equal</c>).</summary>
    public static bool equal(Tensor a, Tensor b) => a.equal(b);
}
