/* Pointwise math with broadcasting, matrix products, neural-network functions, in-place updates. */
#pragma once
#include "hx_api.h"

/* tensor (op) tensor, broadcasting */
HX_API hx_tensor hx_add(hx_tensor a, hx_tensor b, hx_scalar alpha);
HX_API hx_tensor hx_sub(hx_tensor a, hx_tensor b, hx_scalar alpha);
HX_API hx_tensor hx_mul(hx_tensor a, hx_tensor b);
HX_API hx_tensor hx_div(hx_tensor a, hx_tensor b);
HX_API hx_tensor hx_pow(hx_tensor a, hx_tensor exponent);
HX_API hx_tensor hx_maximum(hx_tensor a, hx_tensor b);
HX_API hx_tensor hx_minimum(hx_tensor a, hx_tensor b);
HX_API hx_tensor hx_matmul(hx_tensor a, hx_tensor b);
HX_API hx_tensor hx_bmm(hx_tensor a, hx_tensor b);
HX_API hx_tensor hx_logical_and(hx_tensor a, hx_tensor b);
HX_API hx_tensor hx_logical_or(hx_tensor a, hx_tensor b);

/* tensor (op) scalar and scalar (op) tensor */
HX_API hx_tensor hx_add_scalar(hx_tensor a, hx_scalar b);
HX_API hx_tensor hx_sub_scalar(hx_tensor a, hx_scalar b);
HX_API hx_tensor hx_rsub_scalar(hx_tensor a, hx_scalar b);
HX_API hx_tensor hx_mul_scalar(hx_tensor a, hx_scalar b);
HX_API hx_tensor hx_div_scalar(hx_tensor a, hx_scalar b);
HX_API hx_tensor hx_rdiv_scalar(hx_tensor a, hx_scalar b);
HX_API hx_tensor hx_pow_scalar(hx_tensor a, hx_scalar exponent);
HX_API hx_tensor hx_rpow_scalar(hx_tensor exponent, hx_scalar base);

/* unary */
HX_API hx_tensor hx_neg(hx_tensor t);
HX_API hx_tensor hx_abs(hx_tensor t);
HX_API hx_tensor hx_sqrt(hx_tensor t);
HX_API hx_tensor hx_rsqrt(hx_tensor t);
HX_API hx_tensor hx_square(hx_tensor t);
HX_API hx_tensor hx_reciprocal(hx_tensor t);
HX_API hx_tensor hx_exp(hx_tensor t);
HX_API hx_tensor hx_log(hx_tensor t);
HX_API hx_tensor hx_log1p(hx_tensor t);
HX_API hx_tensor hx_sin(hx_tensor t);
HX_API hx_tensor hx_cos(hx_tensor t);
HX_API hx_tensor hx_tanh(hx_tensor t);
HX_API hx_tensor hx_sigmoid(hx_tensor t);
HX_API hx_tensor hx_relu(hx_tensor t);
HX_API hx_tensor hx_silu(hx_tensor t);
HX_API hx_tensor hx_sign(hx_tensor t);
HX_API hx_tensor hx_floor(hx_tensor t);
HX_API hx_tensor hx_ceil(hx_tensor t);
HX_API hx_tensor hx_round(hx_tensor t);
HX_API hx_tensor hx_isnan(hx_tensor t);
HX_API hx_tensor hx_isinf(hx_tensor t);
HX_API hx_tensor hx_isfinite(hx_tensor t);
HX_API hx_tensor hx_logical_not(hx_tensor t);
HX_API hx_tensor hx_gelu(hx_tensor t, int32_t tanh_approximation);
HX_API hx_tensor hx_clamp(hx_tensor t, int32_t has_min, hx_scalar min, int32_t has_max, hx_scalar max);

/* comparisons: op 0 eq, 1 ne, 2 lt, 3 le, 4 gt, 5 ge */
HX_API hx_tensor hx_compare(hx_tensor a, hx_tensor b, int32_t op);
HX_API hx_tensor hx_compare_scalar(hx_tensor a, hx_scalar b, int32_t op);

/* neural-network functions */
HX_API hx_tensor hx_softmax(hx_tensor t, int64_t dim, int32_t dtype);
HX_API hx_tensor hx_log_softmax(hx_tensor t, int64_t dim, int32_t dtype);
HX_API hx_tensor hx_layer_norm(hx_tensor t, const int64_t* normalized_shape, int64_t n, hx_tensor weight,
                               hx_tensor bias, double eps);
HX_API hx_tensor hx_linear(hx_tensor input, hx_tensor weight, hx_tensor bias);
HX_API hx_tensor hx_embedding(hx_tensor weight, hx_tensor indices, int64_t padding_idx);
HX_API hx_tensor hx_dropout(hx_tensor t, double p, int32_t training, hx_generator g);

/* in place (return status; the tensor is modified) */
HX_API int hx_add_(hx_tensor t, hx_tensor other, hx_scalar alpha);
HX_API int hx_add_scalar_(hx_tensor t, hx_scalar other);
HX_API int hx_sub_(hx_tensor t, hx_tensor other, hx_scalar alpha);
HX_API int hx_mul_(hx_tensor t, hx_tensor other);
HX_API int hx_mul_scalar_(hx_tensor t, hx_scalar other);
HX_API int hx_div_(hx_tensor t, hx_tensor other);
HX_API int hx_div_scalar_(hx_tensor t, hx_scalar other);
HX_API int hx_addcdiv_(hx_tensor t, hx_tensor t1, hx_tensor t2, hx_scalar value);
HX_API int hx_addcmul_(hx_tensor t, hx_tensor t1, hx_tensor t2, hx_scalar value);
HX_API int hx_clamp_(hx_tensor t, int32_t has_min, hx_scalar min, int32_t has_max, hx_scalar max);
HX_API int hx_copy_(hx_tensor t, hx_tensor source);
HX_API int hx_zero_(hx_tensor t);
HX_API int hx_fill_(hx_tensor t, hx_scalar value);
HX_API int hx_masked_fill_(hx_tensor t, hx_tensor mask, hx_scalar value);
