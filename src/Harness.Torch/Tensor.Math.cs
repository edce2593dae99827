using Harness.Torch.Native;

namespace Harness.Torch;

// Pointwise math with broadcasting and PyTorch's type promotion, matrix products, comparisons and
// in-place updates (pytorch.org/docs/stable/torch.html#pointwise-ops).
public sealed partial class Tensor
{
    private static readonly Scalar One = 1;

    /// <summary>Element-wise sum self + alpha·other, broadcasting (PyTorch's <c>Tensor.add</c>).</summary>
    public Tensor add(Tensor other) => Wrap(Hx.hx_add(this, other, One.Value));

    /// <summary>this + alpha * other.</summary>
    public Tensor add(Tensor other, Scalar alpha) => Wrap(Hx.hx_add(this, other, alpha.Value));

    /// <summary>Element-wise sum self + alpha·other, broadcasting (PyTorch's <c>Tensor.add</c>).</summary>
    public Tensor add(Scalar other) => Wrap(Hx.hx_add_scalar(this, other.Value));

    /// <summary>Element-wise difference self - alpha·other, broadcasting (PyTorch's <c>Tensor.sub</c>).</summary>
    public Tensor sub(Tensor other) => Wrap(Hx.hx_sub(this, other, One.Value));

    /// <summary>Element-wise difference self - alpha·other, broadcasting (PyTorch's <c>Tensor.sub</c>).</summary>
    public Tensor sub(Tensor other, Scalar alpha) => Wrap(Hx.hx_sub(this, other, alpha.Value));

    /// <summary>Element-wise difference self - alpha·other, broadcasting (PyTorch's <c>Tensor.sub</c>).</summary>
    public Tensor sub(Scalar other) => Wrap(Hx.hx_sub_scalar(this, other.Value));

    /// <summary>Element-wise product, broadcasting (PyTorch's <c>Tensor.mul</c>).</summary>
    public Tensor mul(Tensor other) => Wrap(Hx.hx_mul(this, other));

    /// <summary>Element-wise product, broadcasting (PyTorch's <c>Tensor.mul</c>).</summary>
    public Tensor mul(Scalar other) => Wrap(Hx.hx_mul_scalar(this, other.Value));

    /// <summary>True division: integer inputs give floating results.</summary>
    public Tensor div(Tensor other) => Wrap(Hx.hx_div(this, other));

    /// <summary>Element-wise true division, broadcasting (PyTorch's <c>Tensor.div</c>).</summary>
    public Tensor div(Scalar other) => Wrap(Hx.hx_div_scalar(this, other.Value));

    /// <summary>Element-wise power, broadcasting (PyTorch's <c>Tensor.pow</c>).</summary>
    public Tensor pow(Tensor exponent) => Wrap(Hx.hx_pow(this, exponent));

    /// <summary>Element-wise power, broadcasting (PyTorch's <c>Tensor.pow</c>).</summary>
    public Tensor pow(Scalar exponent) => Wrap(Hx.hx_pow_scalar(this, exponent.Value));

    /// <summary>Element-wise maximum of two tensors, broadcasting (NaN propagates) (PyTorch's <c>Tensor.maximum</c>).</summary>
    public Tensor maximum(Tensor other) => Wrap(Hx.hx_maximum(this, other));

    /// <summary>Element-wise minimum of two tensors, broadcasting (NaN propagates) (PyTorch's <c>Tensor.minimum</c>).</summary>
    public Tensor minimum(Tensor other) => Wrap(Hx.hx_minimum(this, other));

    /// <summary>Matrix product with PyTorch's broadcasting rules for 1-D and batched operands (PyTorch's <c>Tensor.matmul</c>).</summary>
    public Tensor matmul(Tensor other) => Wrap(Hx.hx_matmul(this, other));

    /// <summary>Batched matrix product [B, n, m] x [B, m, p] -&gt; [B, n, p] (PyTorch's <c>Tensor.bmm</c>).</summary>
    public Tensor bmm(Tensor other) => Wrap(Hx.hx_bmm(this, other));

    /// <summary>Element-wise logical AND (bool) (PyTorch's <c>Tensor.logical_and</c>).</summary>
    public Tensor logical_and(Tensor other) => Wrap(Hx.hx_logical_and(this, other));

    /// <summary>Element-wise logical OR (bool) (PyTorch's <c>Tensor.logical_or</c>).</summary>
    public Tensor logical_or(Tensor other) => Wrap(Hx.hx_logical_or(this, other));

    /// <summary>Element-wise -x (PyTorch's <c>Tensor.neg</c>).</summary>
    public Tensor neg() => Wrap(Hx.hx_neg(this));

    /// <summary>Element-wise |x| (PyTorch's <c>Tensor.abs</c>).</summary>
    public Tensor abs() => Wrap(Hx.hx_abs(this));

    /// <summary>Element-wise square root (PyTorch's <c>Tensor.sqrt</c>).</summary>
    public Tensor sqrt() => Wrap(Hx.hx_sqrt(this));

    /// <summary>Element-wise 1 / sqrt(x) (PyTorch's <c>Tensor.rsqrt</c>).</summary>
    public Tensor rsqrt() => Wrap(Hx.hx_rsqrt(this));

    /// <summary>Element-wise x² (PyTorch's <c>Tensor.square</c>).</summary>
    public Tensor square() => Wrap(Hx.hx_square(this));

    /// <summary>Element-wise 1 / x (PyTorch's <c>Tensor.reciprocal</c>).</summary>
    public Tensor reciprocal() => Wrap(Hx.hx_reciprocal(this));

    /// <summary>Element-wise e^x (PyTorch's <c>Tensor.exp</c>).</summary>
    public Tensor exp() => Wrap(Hx.hx_exp(this));

    /// <summary>Element-wise natural logarithm (PyTorch's <c>Tensor.log</c>).</summary>
    public Tensor log() => Wrap(Hx.hx_log(this));

    /// <summary>Element-wise ln(1 + x), accurate for small x (PyTorch's <c>Tensor.log1p</c>).</summary>
    public Tensor log1p() => Wrap(Hx.hx_log1p(this));

    /// <summary>Element-wise sine (radians) (PyTorch's <c>Tensor.sin</c>).</summary>
    public Tensor sin() => Wrap(Hx.hx_sin(this));

    /// <summary>Element-wise cosine (radians) (PyTorch's <c>Tensor.cos</c>).</summary>
    public Tensor cos() => Wrap(Hx.hx_cos(this));

    /// <summary>Element-wise hyperbolic tangent (PyTorch's <c>Tensor.tanh</c>).</summary>
    public Tensor tanh() => Wrap(Hx.hx_tanh(this));

    /// <summary>Element-wise logistic 1 / (1 + e^-x) (PyTorch's <c>Tensor.sigmoid</c>).</summary>
    public Tensor sigmoid() => Wrap(Hx.hx_sigmoid(this));

    /// <summary>Element-wise max(x, 0) (PyTorch's <c>Tensor.relu</c>).</summary>
    public Tensor relu() => Wrap(Hx.hx_relu(this));

    /// <summary>Element-wise x·sigmoid(x) (SiLU, swish) (PyTorch's <c>Tensor.silu</c>).</summary>
    public Tensor silu() => Wrap(Hx.hx_silu(this));

    /// <summary>Element-wise sign: -1, 0 or 1 (PyTorch's <c>Tensor.sign</c>).</summary>
    public Tensor sign() => Wrap(Hx.hx_sign(this));

    /// <summary>Element-wise floor (PyTorch's <c>Tensor.floor</c>).</summary>
    public Tensor floor() => Wrap(Hx.hx_floor(this));

    /// <summary>Element-wise ceiling (PyTorch's <c>Tensor.ceil</c>).</summary>
    public Tensor ceil() => Wrap(Hx.hx_ceil(this));

    /// <summary>Element-wise rounding to the nearest integer, halves to even (PyTorch's <c>Tensor.round</c>).</summary>
    public Tensor round() => Wrap(Hx.hx_round(this));

    /// <summary>Element-wise test for NaN (bool) (PyTorch's <c>Tensor.isnan</c>).</summary>
    public Tensor isnan() => Wrap(Hx.hx_isnan(this));

    /// <summary>Element-wise test for ±infinity (bool) (PyTorch's <c>Tensor.isinf</c>).</summary>
    public Tensor isinf() => Wrap(Hx.hx_isinf(this));

    /// <summary>Element-wise test for a finite value (bool) (PyTorch's <c>Tensor.isfinite</c>).</summary>
    public Tensor isfinite() => Wrap(Hx.hx_isfinite(this));

    /// <summary>Element-wise logical NOT (bool) (PyTorch's <c>Tensor.logical_not</c>).</summary>
    public Tensor logical_not() => Wrap(Hx.hx_logical_not(this));

    /// <summary>Clamps to [min, max]; a null bound is open.</summary>
    public Tensor clamp(Scalar? min = null, Scalar? max = null) =>
        Wrap(Hx.hx_clamp(this, min.HasValue ? 1 : 0, (min ?? 0).Value, max.HasValue ? 1 : 0, (max ?? 0).Value));

    /// <summary>Softmax along the dimension, computed in <paramref name="dtype"/> when given (PyTorch's <c>Tensor.softmax</c>).</summary>
    public Tensor softmax(long dim, ScalarType? dtype = null) => Wrap(Hx.hx_softmax(this, dim, (int?)dtype ?? -1));

    /// <summary>Log of the softmax along the dimension (numerically stable), computed in <paramref name="dtype"/> when given (PyTorch's <c>Tensor.log_softmax</c>).</summary>
    public Tensor log_softmax(long dim, ScalarType? dtype = null) => Wrap(Hx.hx_log_softmax(this, dim, (int?)dtype ?? -1));

    // ---- comparisons (bool tensors) -------------------------------------------------------------

    /// <summary>Element-wise ==, broadcasting (bool) (PyTorch's <c>Tensor.eq</c>).</summary>
    public Tensor eq(Tensor other) => Wrap(Hx.hx_compare(this, other, 0));

    /// <summary>Element-wise !=, broadcasting (bool) (PyTorch's <c>Tensor.ne</c>).</summary>
    public Tensor ne(Tensor other) => Wrap(Hx.hx_compare(this, other, 1));

    /// <summary>Element-wise &lt;, broadcasting (bool) (PyTorch's <c>Tensor.lt</c>).</summary>
    public Tensor lt(Tensor other) => Wrap(Hx.hx_compare(this, other, 2));

    /// <summary>Element-wise &lt;=, broadcasting (bool) (PyTorch's <c>Tensor.le</c>).</summary>
    public Tensor le(Tensor other) => Wrap(Hx.hx_compare(this, other, 3));

    /// <summary>Element-wise &gt;, broadcasting (bool) (PyTorch's <c>Tensor.gt</c>).</summary>
    public Tensor gt(Tensor other) => Wrap(Hx.hx_compare(this, other, 4));

    /// <summary>Element-wise &gt;=, broadcasting (bool) (PyTorch's <c>Tensor.ge</c>).</summary>
    public Tensor ge(Tensor other) => Wrap(Hx.hx_compare(this, other, 5));

    /// <summary>Element-wise ==, broadcasting (bool) (PyTorch's <c>Tensor.eq</c>).</summary>
    public Tensor eq(Scalar other) => Wrap(Hx.hx_compare_scalar(this, other.Value, 0));

    /// <summary>Element-wise !=, broadcasting (bool) (PyTorch's <c>Tensor.ne</c>).</summary>
    public Tensor ne(Scalar other) => Wrap(Hx.hx_compare_scalar(this, other.Value, 1));

    /// <summary>Element-wise &lt;, broadcasting (bool) (PyTorch's <c>Tensor.lt</c>).</summary>
    public Tensor lt(Scalar other) => Wrap(Hx.hx_compare_scalar(this, other.Value, 2));

    /// <summary>Element-wise &lt;=, broadcasting (bool) (PyTorch's <c>Tensor.le</c>).</summary>
    public Tensor le(Scalar other) => Wrap(Hx.hx_compare_scalar(this, other.Value, 3));

    /// <summary>Element-wise &gt;, broadcasting (bool) (PyTorch's <c>Tensor.gt</c>).</summary>
    public Tensor gt(Scalar other) => Wrap(Hx.hx_compare_scalar(this, other.Value, 4));

    /// <summary>Element-wise &gt;=, broadcasting (bool) (PyTorch's <c>Tensor.ge</c>).</summary>
    public Tensor ge(Scalar other) => Wrap(Hx.hx_compare_scalar(this, other.Value, 5));

    // ---- in place (return this) -----------------------------------------------------------------

    /// <summary>In place: adds, broadcasting (PyTorch's <c>Tensor.add_</c>).</summary>
    public Tensor add_(Tensor other) => InPlace(Hx.hx_add_(this, other, One.Value));

    /// <summary>In place: adds, broadcasting (PyTorch's <c>Tensor.add_</c>).</summary>
    public Tensor add_(Tensor other, Scalar alpha) => InPlace(Hx.hx_add_(this, other, alpha.Value));

    /// <summary>In place: adds, broadcasting (PyTorch's <c>Tensor.add_</c>).</summary>
    public Tensor add_(Scalar other) => InPlace(Hx.hx_add_scalar_(this, other.Value));

    /// <summary>In place: subtracts, broadcasting (PyTorch's <c>Tensor.sub_</c>).</summary>
    public Tensor sub_(Tensor other, Scalar? alpha = null) => InPlace(Hx.hx_sub_(this, other, (alpha ?? One).Value));

    /// <summary>In place: multiplies, broadcasting (PyTorch's <c>Tensor.mul_</c>).</summary>
    public Tensor mul_(Tensor other) => InPlace(Hx.hx_mul_(this, other));

    /// <summary>In place: multiplies, broadcasting (PyTorch's <c>Tensor.mul_</c>).</summary>
    public Tensor mul_(Scalar other) => InPlace(Hx.hx_mul_scalar_(this, other.Value));

    /// <summary>In place: divides, broadcasting (PyTorch's <c>Tensor.div_</c>).</summary>
    public Tensor div_(Tensor other) => InPlace(Hx.hx_div_(this, other));

    /// <summary>In place: divides, broadcasting (PyTorch's <c>Tensor.div_</c>).</summary>
    public Tensor div_(Scalar other) => InPlace(Hx.hx_div_scalar_(this, other.Value));

    /// <summary>this += value * t1 / t2.</summary>
    public Tensor addcdiv_(Tensor tensor1, Tensor tensor2, Scalar? value = null) =>
        InPlace(Hx.hx_addcdiv_(this, tensor1, tensor2, (value ?? One).Value));

    /// <summary>this += value * t1 * t2.</summary>
    public Tensor addcmul_(Tensor tensor1, Tensor tensor2, Scalar? value = null) =>
        InPlace(Hx.hx_addcmul_(this, tensor1, tensor2, (value ?? One).Value));

    /// <summary>In place: clamps into [min, max] (a null bound is open) (PyTorch's <c>Tensor.clamp_</c>).</summary>
    public Tensor clamp_(Scalar? min = null, Scalar? max = null) =>
        InPlace(Hx.hx_clamp_(this, min.HasValue ? 1 : 0, (min ?? 0).Value, max.HasValue ? 1 : 0, (max ?? 0).Value));

    /// <summary>In place: copies the values of the source (broadcast, converted to this dtype and device) (PyTorch's <c>Tensor.copy_</c>).</summary>
    public Tensor copy_(Tensor source) => InPlace(Hx.hx_copy_(this, source));

    /// <summary>In place: sets every element to 0 (PyTorch's <c>Tensor.zero_</c>).</summary>
    public Tensor zero_() => InPlace(Hx.hx_zero_(this));

    /// <summary>In place: sets every element to the value (PyTorch's <c>Tensor.fill_</c>).</summary>
    public Tensor fill_(Scalar value) => InPlace(Hx.hx_fill_(this, value.Value));

    /// <summary>In place: sets <paramref name="value"/> where <paramref name="mask"/> is true (PyTorch's <c>Tensor.masked_fill_</c>).</summary>
    public Tensor masked_fill_(Tensor mask, Scalar value) => InPlace(Hx.hx_masked_fill_(this, mask, value.Value));

    private Tensor InPlace(int status, [System.Runtime.CompilerServices.CallerMemberName] string op = "")
    {
        Check(status, op);
        return this;
    }

    // ---- operators --------------------------------------------------------------------------------

    /// <summary>Element-wise sum (<see cref="add(Tensor)"/>).</summary>
    public static Tensor operator +(Tensor a, Tensor b) => a.add(b);
    /// <summary>Element-wise sum (<see cref="add(Tensor)"/>).</summary>
    public static Tensor operator +(Tensor a, Scalar b) => a.add(b);
    /// <summary>Element-wise sum (<see cref="add(Tensor)"/>).</summary>
    public static Tensor operator +(Scalar a, Tensor b) => b.add(a);
    /// <summary>Element-wise difference (<see cref="sub(Tensor)"/>).</summary>
    public static Tensor operator -(Tensor a, Tensor b) => a.sub(b);
    /// <summary>Element-wise difference (<see cref="sub(Tensor)"/>).</summary>
    public static Tensor operator -(Tensor a, Scalar b) => a.sub(b);
    /// <summary>Element-wise difference (<see cref="sub(Tensor)"/>).</summary>
    public static Tensor operator -(Scalar a, Tensor b) => Wrap(Hx.hx_rsub_scalar(b, a.Value), "rsub");
    /// <summary>Element-wise product (<see cref="mul(Tensor)"/>).</summary>
    public static Tensor operator *(Tensor a, Tensor b) => a.mul(b);
    /// <summary>Element-wise product (<see cref="mul(Tensor)"/>).</summary>
    public static Tensor operator *(Tensor a, Scalar b) => a.mul(b);
    /// <summary>Element-wise product (<see cref="mul(Tensor)"/>).</summary>
    public static Tensor operator *(Scalar a, Tensor b) => b.mul(a);
    /// <summary>Element-wise true division (<see cref="div(Tensor)"/>).</summary>
    public static Tensor operator /(Tensor a, Tensor b) => a.div(b);
    /// <summary>Element-wise true division (<see cref="div(Tensor)"/>).</summary>
    public static Tensor operator /(Tensor a, Scalar b) => a.div(b);
    /// <summary>Element-wise true division (<see cref="div(Tensor)"/>).</summary>
    public static Tensor operator /(Scalar a, Tensor b) => Wrap(Hx.hx_rdiv_scalar(b, a.Value), "rdiv");
    /// <summary>Element-wise negation (<see cref="neg"/>).</summary>
    public static Tensor operator -(Tensor a) => a.neg();

    /// <summary>base ** exponent for a scalar base (torch.pow(Scalar, Tensor)).</summary>
    internal static Tensor RPow(Scalar @base, Tensor exponent) => Wrap(Hx.hx_rpow_scalar(exponent, @base.Value), "pow");
}
