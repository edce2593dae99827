using System.Runtime.InteropServices;

namespace Harness.Torch.Native;

/// <summary>P/Invoke for native/include/hx_math.h.</summary>
internal static partial class Hx
{
    [DllImport(Library)] internal static extern IntPtr hx_add(Tensor a, Tensor b, HxScalar alpha);
    [DllImport(Library)] internal static extern IntPtr hx_sub(Tensor a, Tensor b, HxScalar alpha);
    [DllImport(Library)] internal static extern IntPtr hx_mul(Tensor a, Tensor b);
    [DllImport(Library)] internal static extern IntPtr hx_div(Tensor a, Tensor b);
    [DllImport(Library)] internal static extern IntPtr hx_pow(Tensor a, Tensor exponent);
    [DllImport(Library)] internal static extern IntPtr hx_maximum(Tensor a, Tensor b);
    [DllImport(Library)] internal static extern IntPtr hx_minimum(Tensor a, Tensor b);
    [DllImport(Library)] internal static extern IntPtr hx_matmul(Tensor a, Tensor b);
    [DllImport(Library)] internal static extern IntPtr hx_bmm(Tensor a, Tensor b);
    [DllImport(Library)] internal static extern IntPtr hx_logical_and(Tensor a, Tensor b);
    [DllImport(Library)] internal static extern IntPtr hx_logical_or(Tensor a, Tensor b);

    [DllImport(Library)] internal static extern IntPtr hx_add_scalar(Tensor a, HxScalar b);
    [DllImport(Library)] internal static extern IntPtr hx_sub_scalar(Tensor a, HxScalar b);
    [DllImport(Library)] internal static extern IntPtr hx_rsub_scalar(Tensor a, HxScalar b);
    [DllImport(Library)] internal static extern IntPtr hx_mul_scalar(Tensor a, HxScalar b);
    [DllImport(Library)] internal static extern IntPtr hx_div_scalar(Tensor a, HxScalar b);
    [DllImport(Library)] internal static extern IntPtr hx_rdiv_scalar(Tensor a, HxScalar b);
    [DllImport(Library)] internal static extern IntPtr hx_pow_scalar(Tensor a, HxScalar exponent);
    [DllImport(Library)] internal static extern IntPtr hx_rpow_scalar(Tensor exponent, HxScalar b);

    [DllImport(Library)] internal static extern IntPtr hx_neg(Tensor t);
    [DllImport(Library)] internal static extern IntPtr hx_abs(Tensor t);
    [DllImport(Library)] internal static extern IntPtr hx_sqrt(Tensor t);
    [DllImport(Library)] internal static extern IntPtr hx_rsqrt(Tensor t);
    [DllImport(Library)] internal static extern IntPtr hx_square(Tensor t);
    [DllImport(Library)] internal static extern IntPtr hx_reciprocal(Tensor t);
    [DllImport(Library)] internal static extern IntPtr hx_exp(Tensor t);
    [DllImport(Library)] internal static extern IntPtr hx_log(Tensor t);
    [DllImport(Library)] internal static extern IntPtr hx_log1p(Tensor t);
    [DllImport(Library)] internal static extern IntPtr hx_sin(Tensor t);
    [DllImport(Library)] internal static extern IntPtr hx_cos(Tensor t);
    [DllImport(Library)] internal static extern IntPtr hx_tanh(Tensor t);
    [DllImport(Library)] internal static extern IntPtr hx_sigmoid(Tensor t);
    [DllImport(Library)] internal static extern IntPtr hx_relu(Tensor t);
    [DllImport(Library)] internal static extern IntPtr hx_silu(Tensor t);
    [DllImport(Library)] internal static extern IntPtr hx_sign(Tensor t);
    [DllImport(Library)] internal static extern IntPtr hx_floor(Tensor t);
    [DllImport(Library)] internal static extern IntPtr hx_ceil(Tensor t);
    [DllImport(Library)] internal static extern IntPtr hx_round(Tensor t);
    [DllImport(Library)] internal static extern IntPtr hx_isnan(Tensor t);
    [DllImport(Library)] internal static extern IntPtr hx_isinf(Tensor t);
    [DllImport(Library)] internal static extern IntPtr hx_isfinite(Tensor t);
    [DllImport(Library)] internal static extern IntPtr hx_logical_not(Tensor t);
    [DllImport(Library)] internal static extern IntPtr hx_gelu(Tensor t, int tanhApproximation);
    [DllImport(Library)] internal static extern IntPtr hx_clamp(Tensor t, int hasMin, HxScalar min, int hasMax, HxScalar max);

    [DllImport(Library)] internal static extern IntPtr hx_compare(Tensor a, Tensor b, int op);
    [DllImport(Library)] internal static extern IntPtr hx_compare_scalar(Tensor a, HxScalar b, int op);

    [DllImport(Library)] internal static extern IntPtr hx_softmax(Tensor t, long dim, int dtype);
    [DllImport(Library)] internal static extern IntPtr hx_log_softmax(Tensor t, long dim, int dtype);
    [DllImport(Library)] internal static extern unsafe IntPtr hx_layer_norm(Tensor t, long* normalizedShape, long n, IntPtr weight, IntPtr bias, double eps);
    [DllImport(Library)] internal static extern IntPtr hx_linear(Tensor input, Tensor weight, IntPtr bias);
    [DllImport(Library)] internal static extern IntPtr hx_embedding(Tensor weight, Tensor indices, long paddingIdx);
    [DllImport(Library)] internal static extern IntPtr hx_dropout(Tensor t, double p, int training, IntPtr generator);

    [DllImport(Library)] internal static extern int hx_add_(Tensor t, Tensor other, HxScalar alpha);
    [DllImport(Library)] internal static extern int hx_add_scalar_(Tensor t, HxScalar other);
    [DllImport(Library)] internal static extern int hx_sub_(Tensor t, Tensor other, HxScalar alpha);
    [DllImport(Library)] internal static extern int hx_mul_(Tensor t, Tensor other);
    [DllImport(Library)] internal static extern int hx_mul_scalar_(Tensor t, HxScalar other);
    [DllImport(Library)] internal static extern int hx_div_(Tensor t, Tensor other);
    [DllImport(Library)] internal static extern int hx_div_scalar_(Tensor t, HxScalar other);
    [DllImport(Library)] internal static extern int hx_addcdiv_(Tensor t, Tensor t1, Tensor t2, HxScalar value);
    [DllImport(Library)] internal static extern int hx_addcmul_(Tensor t, Tensor t1, Tensor t2, HxScalar value);
    [DllImport(Library)] internal static extern int hx_clamp_(Tensor t, int hasMin, HxScalar min, int hasMax, HxScalar max);
    [DllImport(Library)] internal static extern int hx_copy_(Tensor t, Tensor source);
    [DllImport(Library)] internal static extern int hx_zero_(Tensor t);
    [DllImport(Library)] internal static extern int hx_fill_(Tensor t, HxScalar value);
    [DllImport(Library)] internal static extern int hx_masked_fill_(Tensor t, Tensor mask, HxScalar value);
}
