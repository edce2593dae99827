using Harness.Torch.Native;

namespace Harness.Torch;

// Pointwise math with broadcasting and PyTorch's type promotion, matrix products, comparisons and
// in-place updates (pytorch.org/docs/stable/torch.html#pointwise-ops).
public sealed partial class Tensor
{
    private static readonly Scalar One = 1;

    public Tensor add(Tensor other) => Wrap(Hx.hx_add(this, other, One.Value));

    /// <summary>this + alpha * other.</summary>
    public Tensor add(Tensor other, Scalar alpha) => Wrap(Hx.hx_add(this, other, alpha.Value));

    public Tensor add(Scalar other) => Wrap(Hx.hx_add_scalar(this, other.Value));

    public Tensor sub(Tensor other) => Wrap(Hx.hx_sub(this, other, One.Value));

    public Tensor sub(Tensor other, Scalar alpha) => Wrap(Hx.hx_sub(this, other, alpha.Value));

    public Tensor sub(Scalar other) => Wrap(Hx.hx_sub_scalar(this, other.Value));

    public Tensor mul(Tensor other) => Wrap(Hx.hx_mul(this, other));

    public Tensor mul(Scalar other) => Wrap(Hx.hx_mul_scalar(this, other.Value));

    /// <summary>True division: integer inputs give floating results.</summary>
    public Tensor div(Tensor other) => Wrap(Hx.hx_div(this, other));

    public Tensor div(Scalar other) => Wrap(Hx.hx_div_scalar(this, other.Value));

    public Tensor pow(Tensor exponent) => Wrap(Hx.hx_pow(this, exponent));

    public Tensor pow(Scalar exponent) => Wrap(Hx.hx_pow_scalar(this, exponent.Value));

    public Tensor maximum(Tensor other) => Wrap(Hx.hx_maximum(this, other));

    public Tensor minimum(Tensor other) => Wrap(Hx.hx_minimum(this, other));

    public Tensor matmul(Tensor other) => Wrap(Hx.hx_matmul(this, other));

    public Tensor bmm(Tensor other) => Wrap(Hx.hx_bmm(this, other));

    public Tensor logical_and(Tensor other) => Wrap(Hx.hx_logical_and(this, other));

    public Tensor logical_or(Tensor other) => Wrap(Hx.hx_logical_or(this, other));

    public Tensor neg() => Wrap(Hx.hx_neg(this));

    public Tensor abs() => Wrap(Hx.hx_abs(this));

    public Tensor sqrt() => Wrap(Hx.hx_sqrt(this));

    public Tensor rsqrt() => Wrap(Hx.hx_rsqrt(this));

    public Tensor square() => Wrap(Hx.hx_square(this));

    public Tensor reciprocal() => Wrap(Hx.hx_reciprocal(this));

    public Tensor exp() => Wrap(Hx.hx_exp(this));

    public Tensor log() => Wrap(Hx.hx_log(this));

    public Tensor log1p() => Wrap(Hx.hx_log1p(this));

    public Tensor sin() => Wrap(Hx.hx_sin(this));

    public Tensor cos() => Wrap(Hx.hx_cos(this));

    public Tensor tanh() => Wrap(Hx.hx_tanh(this));

    public Tensor sigmoid() => Wrap(Hx.hx_sigmoid(this));

    public Tensor relu() => Wrap(Hx.hx_relu(this));

    public Tensor silu() => Wrap(Hx.hx_silu(this));

    public Tensor sign() => Wrap(Hx.hx_sign(this));

    public Tensor floor() => Wrap(Hx.hx_floor(this));

    public Tensor ceil() => Wrap(Hx.hx_ceil(this));

    public Tensor round() => Wrap(Hx.hx_round(this));

    public Tensor isnan() => Wrap(Hx.hx_isnan(this));

    public Tensor isinf() => Wrap(Hx.hx_isinf(this));

    public Tensor isfinite() => Wrap(Hx.hx_isfinite(this));

    public Tensor logical_not() => Wrap(Hx.hx_logical_not(this));

    /// <summary>Clamps to [min, max]; a null bound is open.</summary>
    public Tensor clamp(Scalar? min = null, Scalar? max = null) =>
        Wrap(Hx.hx_clamp(this, min.HasValue ? 1 : 0, (min ?? 0).Value, max.HasValue ? 1 : 0, (max ?? 0).Value));

    public Tensor softmax(long dim, ScalarType? dtype = null) => Wrap(Hx.hx_softmax(this, dim, (int?)dtype ?? -1));

    public Tensor log_softmax(long dim, ScalarType? dtype = null) => Wrap(Hx.hx_log_softmax(this, dim, (int?)dtype ?? -1));

    // ---- comparisons (bool tensors) -------------------------------------------------------------

    public Tensor eq(Tensor other) => Wrap(Hx.hx_compare(this, other, 0));

    public Tensor ne(Tensor other) => Wrap(Hx.hx_compare(this, other, 1));

    public Tensor lt(Tensor other) => Wrap(Hx.hx_compare(this, other, 2));

    public Tensor le(Tensor other) => Wrap(Hx.hx_compare(this, other, 3));

    public Tensor gt(Tensor other) => Wrap(Hx.hx_compare(this, other, 4));

    public Tensor ge(Tensor other) => Wrap(Hx.hx_compare(this, other, 5));

    public Tensor eq(Scalar other) => Wrap(Hx.hx_compare_scalar(this, other.Value, 0));

    public Tensor ne(Scalar other) => Wrap(Hx.hx_compare_scalar(this, other.Value, 1));

    public Tensor lt(Scalar other) => Wrap(Hx.hx_compare_scalar(this, other.Value, 2));

    public Tensor le(Scalar other) => Wrap(Hx.hx_compare_scalar(this, other.Value, 3));

    public Tensor gt(Scalar other) => Wrap(Hx.hx_compare_scalar(this, other.Value, 4));

    public Tensor ge(Scalar other) => Wrap(Hx.hx_compare_scalar(this, other.Value, 5));

    // ---- in place (return this) -----------------------------------------------------------------

    public Tensor add_(Tensor other) => InPlace(Hx.hx_add_(this, other, One.Value));

    public Tensor add_(Tensor other, Scalar alpha) => InPlace(Hx.hx_add_(this, other, alpha.Value));

    public Tensor add_(Scalar other) => InPlace(Hx.hx_add_scalar_(this, other.Value));

    public Tensor sub_(Tensor other, Scalar? alpha = null) => InPlace(Hx.hx_sub_(this, other, (alpha ?? One).Value));

    public Tensor mul_(Tensor other) => InPlace(Hx.hx_mul_(this, other));

    public Tensor mul_(Scalar other) => InPlace(Hx.hx_mul_scalar_(this, other.Value));

    public Tensor div_(Tensor other) => InPlace(Hx.hx_div_(this, other));

    public Tensor div_(Scalar other) => InPlace(Hx.hx_div_scalar_(this, other.Value));

    /// <summary>this += value * t1 / t2.</summary>
    public Tensor addcdiv_(Tensor tensor1, Tensor tensor2, Scalar? value = null) =>
        InPlace(Hx.hx_addcdiv_(this, tensor1, tensor2, (value ?? One).Value));

    /// <summary>this += value * t1 * t2.</summary>
    public Tensor addcmul_(Tensor tensor1, Tensor tensor2, Scalar? value = null) =>
        InPlace(Hx.hx_addcmul_(this, tensor1, tensor2, (value ?? One).Value));

    public Tensor clamp_(Scalar? min = null, Scalar? max = null) =>
        InPlace(Hx.hx_clamp_(this, min.HasValue ? 1 : 0, (min ?? 0).Value, max.HasValue ? 1 : 0, (max ?? 0).Value));

    public Tensor copy_(Tensor source) => InPlace(Hx.hx_copy_(this, source));

    public Tensor zero_() => InPlace(Hx.hx_zero_(this));

    public Tensor fill_(Scalar value) => InPlace(Hx.hx_fill_(this, value.Value));

    public Tensor masked_fill_(Tensor mask, Scalar value) => InPlace(Hx.hx_masked_fill_(this, mask, value.Value));

    private Tensor InPlace(int status, [System.Runtime.CompilerServices.CallerMemberName] string op = "")
    {
        Check(status, op);
        return this;
    }

    // ---- operators --------------------------------------------------------------------------------

    public static Tensor operator +(Tensor a, Tensor b) => a.add(b);
    public static Tensor operator +(Tensor a, Scalar b) => a.add(b);
    public static Tensor operator +(Scalar a, Tensor b) => b.add(a);
    public static Tensor operator -(Tensor a, Tensor b) => a.sub(b);
    public static Tensor operator -(Tensor a, Scalar b) => a.sub(b);
    public static Tensor operator -(Scalar a, Tensor b) => Wrap(Hx.hx_rsub_scalar(b, a.Value), "rsub");
    public static Tensor operator *(Tensor a, Tensor b) => a.mul(b);
    public static Tensor operator *(Tensor a, Scalar b) => a.mul(b);
    public static Tensor operator *(Scalar a, Tensor b) => b.mul(a);
    public static Tensor operator /(Tensor a, Tensor b) => a.div(b);
    public static Tensor operator /(Tensor a, Scalar b) => a.div(b);
    public static Tensor operator /(Scalar a, Tensor b) => Wrap(Hx.hx_rdiv_scalar(b, a.Value), "rdiv");
    public static Tensor operator -(Tensor a) => a.neg();

    /// <summary>base ** exponent for a scalar base (torch.pow(Scalar, Tensor)).</summary>
    internal static Tensor RPow(Scalar @base, Tensor exponent) => Wrap(Hx.hx_rpow_scalar(exponent, @base.Value), "pow");
}
