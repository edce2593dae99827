// Pointwise math with broadcasting, matrix products, neural-network functions, in-place updates.
#include <c10/core/GradMode.h>  // c10::NoGradGuard: there from libtorch 1.13 through 2.x (at::NoGradGuard is gone in 2.x)

#include "hx_internal.h"
#include "hx_math.h"

using hx::T;

HX_TENSOR_FN(add, (hx_tensor a, hx_tensor b, hx_scalar alpha), at::add(T(a), T(b), hx::scalar(alpha)))
HX_TENSOR_FN(sub, (hx_tensor a, hx_tensor b, hx_scalar alpha), at::sub(T(a), T(b), hx::scalar(alpha)))
HX_TENSOR_FN(mul, (hx_tensor a, hx_tensor b), at::mul(T(a), T(b)))
HX_TENSOR_FN(div, (hx_tensor a, hx_tensor b), at::div(T(a), T(b)))
HX_TENSOR_FN(pow, (hx_tensor a, hx_tensor exponent), at::pow(T(a), T(exponent)))
HX_TENSOR_FN(maximum, (hx_tensor a, hx_tensor b), at::maximum(T(a), T(b)))
HX_TENSOR_FN(minimum, (hx_tensor a, hx_tensor b), at::minimum(T(a), T(b)))
HX_TENSOR_FN(matmul, (hx_tensor a, hx_tensor b), at::matmul(T(a), T(b)))
HX_TENSOR_FN(bmm, (hx_tensor a, hx_tensor b), at::bmm(T(a), T(b)))
HX_TENSOR_FN(logical_and, (hx_tensor a, hx_tensor b), at::logical_and(T(a), T(b)))
HX_TENSOR_FN(logical_or, (hx_tensor a, hx_tensor b), at::logical_or(T(a), T(b)))

HX_TENSOR_FN(add_scalar, (hx_tensor a, hx_scalar b), at::add(T(a), hx::scalar(b)))
HX_TENSOR_FN(sub_scalar, (hx_tensor a, hx_scalar b), at::sub(T(a), hx::scalar(b)))
HX_TENSOR_FN(rsub_scalar, (hx_tensor a, hx_scalar b), at::rsub(T(a), hx::scalar(b)))
HX_TENSOR_FN(mul_scalar, (hx_tensor a, hx_scalar b), at::mul(T(a), hx::scalar(b)))
HX_TENSOR_FN(div_scalar, (hx_tensor a, hx_scalar b), at::div(T(a), hx::scalar(b)))
// scalar / tensor, with true division (integer tensors give floats), as Python's 2 / t.
HX_TENSOR_FN(rdiv_scalar, (hx_tensor a, hx_scalar b), at::mul(at::reciprocal(T(a)), hx::scalar(b)))
HX_TENSOR_FN(pow_scalar, (hx_tensor a, hx_scalar exponent), at::pow(T(a), hx::scalar(exponent)))
HX_TENSOR_FN(rpow_scalar, (hx_tensor exponent, hx_scalar base), at::pow(hx::scalar(base), T(exponent)))

#define HX_UNARY(name) HX_TENSOR_FN(name, (hx_tensor t), at::name(T(t)))
HX_UNARY(neg)
HX_UNARY(abs)
HX_UNARY(sqrt)
HX_UNARY(rsqrt)
HX_UNARY(square)
HX_UNARY(reciprocal)
HX_UNARY(exp)
HX_UNARY(log)
HX_UNARY(log1p)
HX_UNARY(sin)
HX_UNARY(cos)
HX_UNARY(tanh)
HX_UNARY(sigmoid)
HX_UNARY(relu)
HX_UNARY(silu)
HX_UNARY(sign)
HX_UNARY(floor)
HX_UNARY(ceil)
HX_UNARY(round)
HX_UNARY(isnan)
HX_UNARY(isinf)
HX_UNARY(isfinite)
HX_UNARY(logical_not)
#undef HX_UNARY

// Source: pytorch.org/docs/stable/generated/torch.nn.GELU.html: "none" is the exact erf form,
// "tanh" the approximation GPT-2 uses (gelu_new).
HX_TENSOR_FN(gelu, (hx_tensor t, int32_t tanh_approximation), at::gelu(T(t), tanh_approximation ? "tanh" : "none"))

namespace {
c10::optional<at::Scalar> opt_scalar(int32_t has, hx_scalar s) {
  if (!has) return c10::nullopt;
  return hx::scalar(s);
}

at::Tensor compare(const at::Tensor& a, const at::Tensor& b, int32_t op) {
  switch (op) {
    case 0: return at::eq(a, b);
    case 1: return at::ne(a, b);
    case 2: return at::lt(a, b);
    case 3: return at::le(a, b);
    case 4: return at::gt(a, b);
    case 5: return at::ge(a, b);
    default: throw std::invalid_argument("unknown comparison code " + std::to_string(op));
  }
}

at::Tensor compare(const at::Tensor& a, const at::Scalar& b, int32_t op) {
  switch (op) {
    case 0: return at::eq(a, b);
    case 1: return at::ne(a, b);
    case 2: return at::lt(a, b);
    case 3: return at::le(a, b);
    case 4: return at::gt(a, b);
    case 5: return at::ge(a, b);
    default: throw std::invalid_argument("unknown comparison code " + std::to_string(op));
  }
}
}  // namespace

HX_TENSOR_FN(clamp, (hx_tensor t, int32_t has_min, hx_scalar min, int32_t has_max, hx_scalar max),
             at::clamp(T(t), opt_scalar(has_min, min), opt_scalar(has_max, max)))
HX_TENSOR_FN(compare, (hx_tensor a, hx_tensor b, int32_t op), compare(T(a), T(b), op))
HX_TENSOR_FN(compare_scalar, (hx_tensor a, hx_scalar b, int32_t op), compare(T(a), hx::scalar(b), op))

HX_TENSOR_FN(softmax, (hx_tensor t, int64_t dim, int32_t dtype), at::softmax(T(t), dim, hx::opt_dtype(dtype)))
HX_TENSOR_FN(log_softmax, (hx_tensor t, int64_t dim, int32_t dtype), at::log_softmax(T(t), dim, hx::opt_dtype(dtype)))
HX_TENSOR_FN(layer_norm,
             (hx_tensor t, const int64_t* normalized_shape, int64_t n, hx_tensor weight, hx_tensor bias, double eps),
             at::layer_norm(T(t), hx::dims(normalized_shape, n), hx::opt_tensor(weight), hx::opt_tensor(bias), eps))
HX_TENSOR_FN(linear, (hx_tensor input, hx_tensor weight, hx_tensor bias),
             at::linear(T(input), T(weight), hx::opt_tensor(bias)))
HX_TENSOR_FN(embedding, (hx_tensor weight, hx_tensor indices, int64_t padding_idx),
             at::embedding(T(weight), T(indices), padding_idx))

// Inverted dropout (zeroes with probability p, scales the rest by 1/(1-p)) drawn from the given
// generator, so that training is reproducible from its seed; identity when not training.
HX_TENSOR_FN(dropout, (hx_tensor t, double p, int32_t training, hx_generator g), [&]() -> at::Tensor {
  const at::Tensor& x = T(t);
  if (p < 0.0 || p > 1.0) throw std::invalid_argument("dropout probability must be in [0, 1], got " + std::to_string(p));
  if (!training || p == 0.0) return x;
  if (p == 1.0) return x * 0;
  at::Tensor keep;
  {
    c10::NoGradGuard no_grad;
    keep = at::empty_like(x).bernoulli_(1.0 - p, hx::generator(g)).div_(1.0 - p);
  }
  return x * keep;
}())

HX_STATUS_FN(add_, (hx_tensor t, hx_tensor other, hx_scalar alpha), T(t).add_(T(other), hx::scalar(alpha)))
HX_STATUS_FN(add_scalar_, (hx_tensor t, hx_scalar other), T(t).add_(hx::scalar(other)))
HX_STATUS_FN(sub_, (hx_tensor t, hx_tensor other, hx_scalar alpha), T(t).sub_(T(other), hx::scalar(alpha)))
HX_STATUS_FN(mul_, (hx_tensor t, hx_tensor other), T(t).mul_(T(other)))
HX_STATUS_FN(mul_scalar_, (hx_tensor t, hx_scalar other), T(t).mul_(hx::scalar(other)))
HX_STATUS_FN(div_, (hx_tensor t, hx_tensor other), T(t).div_(T(other)))
HX_STATUS_FN(div_scalar_, (hx_tensor t, hx_scalar other), T(t).div_(hx::scalar(other)))
HX_STATUS_FN(addcdiv_, (hx_tensor t, hx_tensor t1, hx_tensor t2, hx_scalar value),
             T(t).addcdiv_(T(t1), T(t2), hx::scalar(value)))
HX_STATUS_FN(addcmul_, (hx_tensor t, hx_tensor t1, hx_tensor t2, hx_scalar value),
             T(t).addcmul_(T(t1), T(t2), hx::scalar(value)))
HX_STATUS_FN(clamp_, (hx_tensor t, int32_t has_min, hx_scalar min, int32_t has_max, hx_scalar max),
             T(t).clamp_(opt_scalar(has_min, min), opt_scalar(has_max, max)))
HX_STATUS_FN(copy_, (hx_tensor t, hx_tensor source), T(t).copy_(T(source)))
HX_STATUS_FN(zero_, (hx_tensor t), T(t).zero_())
HX_STATUS_FN(fill_, (hx_tensor t, hx_scalar value), T(t).fill_(hx::scalar(value)))
HX_STATUS_FN(masked_fill_, (hx_tensor t, hx_tensor mask, hx_scalar value), T(t).masked_fill_(T(mask), hx::scalar(value)))
