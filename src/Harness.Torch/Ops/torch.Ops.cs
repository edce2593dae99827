using Harness.Torch.Native;

namespace Harness.Torch;

// Function forms of the tensor operations, for code that reads like PyTorch (torch.matmul(a, b)).
public static partial class torch
{
    public static unsafe Tensor cat(IReadOnlyList<Tensor> tensors, long dim = 0) =>
        Tensor.WithHandles(tensors, h =>
        {
            fixed (IntPtr* p = h) return Tensor.Wrap(Hx.hx_cat(p, h.Length, dim), "cat");
        });

    public static unsafe Tensor stack(IReadOnlyList<Tensor> tensors, long dim = 0) =>
        Tensor.WithHandles(tensors, h =>
        {
            fixed (IntPtr* p = h) return Tensor.Wrap(Hx.hx_stack(p, h.Length, dim), "stack");
        });

    /// <summary>Elements of a where condition holds, else of b (broadcasting).</summary>
    public static Tensor where(Tensor condition, Tensor a, Tensor b) => Tensor.Wrap(Hx.hx_where(condition, a, b));

    public static Tensor matmul(Tensor a, Tensor b) => a.matmul(b);

    public static Tensor bmm(Tensor a, Tensor b) => a.bmm(b);

    public static Tensor add(Tensor a, Tensor b, Scalar? alpha = null) => alpha is { } s ? a.add(b, s) : a.add(b);

    public static Tensor sub(Tensor a, Tensor b) => a.sub(b);

    public static Tensor mul(Tensor a, Tensor b) => a.mul(b);

    public static Tensor div(Tensor a, Tensor b) => a.div(b);

    public static Tensor pow(Tensor a, Scalar exponent) => a.pow(exponent);

    public static Tensor pow(Tensor a, Tensor exponent) => a.pow(exponent);

    public static Tensor pow(Scalar @base, Tensor exponent) => Tensor.RPow(@base, exponent);

    public static Tensor maximum(Tensor a, Tensor b) => a.maximum(b);

    public static Tensor minimum(Tensor a, Tensor b) => a.minimum(b);

    public static Tensor exp(Tensor t) => t.exp();

    public static Tensor log(Tensor t) => t.log();

    public static Tensor log1p(Tensor t) => t.log1p();

    public static Tensor sqrt(Tensor t) => t.sqrt();

    public static Tensor rsqrt(Tensor t) => t.rsqrt();

    public static Tensor abs(Tensor t) => t.abs();

    public static Tensor neg(Tensor t) => t.neg();

    public static Tensor sin(Tensor t) => t.sin();

    public static Tensor cos(Tensor t) => t.cos();

    public static Tensor tanh(Tensor t) => t.tanh();

    public static Tensor sigmoid(Tensor t) => t.sigmoid();

    public static Tensor clamp(Tensor t, Scalar? min = null, Scalar? max = null) => t.clamp(min, max);

    public static Tensor softmax(Tensor t, long dim, ScalarType? dtype = null) => t.softmax(dim, dtype);

    public static Tensor log_softmax(Tensor t, long dim, ScalarType? dtype = null) => t.log_softmax(dim, dtype);

    public static Tensor tril(Tensor t, long diagonal = 0) => t.tril(diagonal);

    public static Tensor triu(Tensor t, long diagonal = 0) => t.triu(diagonal);

    public static Tensor flip(Tensor t, params long[] dims) => t.flip(dims);

    public static Tensor sum(Tensor t) => t.sum();

    public static Tensor mean(Tensor t) => t.mean();

    public static Tensor argmax(Tensor t, long dim, bool keepdim = false) => t.argmax(dim, keepdim);

    public static (Tensor values, Tensor indices) topk(Tensor t, long k, long dim = -1, bool largest = true, bool sorted = true) =>
        t.topk(k, dim, largest, sorted);

    public static (Tensor values, Tensor indices) sort(Tensor t, long dim = -1, bool descending = false, bool stable = false) =>
        t.sort(dim, descending, stable);

    public static Tensor argsort(Tensor t, long dim = -1, bool descending = false, bool stable = false) => t.argsort(dim, descending, stable);

    public static Tensor cumsum(Tensor t, long dim) => t.cumsum(dim);

    public static Tensor logsumexp(Tensor t, long dim, bool keepdim = false) => t.logsumexp(dim, keepdim);

    public static Tensor gather(Tensor t, long dim, Tensor index) => t.gather(dim, index);

    public static Tensor index_select(Tensor t, long dim, Tensor index) => t.index_select(dim, index);

    public static Tensor masked_fill(Tensor t, Tensor mask, Scalar value) => t.masked_fill(mask, value);

    public static Tensor narrow(Tensor t, long dim, long start, long length) => t.narrow(dim, start, length);

    public static Tensor[] split(Tensor t, long split_size, long dim = 0) => t.split(split_size, dim);

    public static Tensor[] chunk(Tensor t, long chunks, long dim = 0) => t.chunk(chunks, dim);

    public static Tensor repeat_interleave(Tensor t, long repeats, long dim) => t.repeat_interleave(repeats, dim);

    public static Tensor isnan(Tensor t) => t.isnan();

    public static Tensor isfinite(Tensor t) => t.isfinite();

    public static bool allclose(Tensor a, Tensor b, double rtol = 1e-5, double atol = 1e-8) => a.allclose(b, rtol, atol);

    public static bool equal(Tensor a, Tensor b) => a.equal(b);
}
