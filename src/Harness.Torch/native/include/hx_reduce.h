/* Reductions along dimensions, sorting and selection, whole-tensor predicates. */
#pragma once
#include "hx_api.h"

HX_API hx_tensor hx_sum(hx_tensor t, const int64_t* dims, int64_t n, int32_t keepdim, int32_t dtype);
HX_API hx_tensor hx_mean(hx_tensor t, const int64_t* dims, int64_t n, int32_t keepdim, int32_t dtype);
HX_API hx_tensor hx_prod(hx_tensor t, int32_t dtype);
HX_API hx_tensor hx_max_all(hx_tensor t);
HX_API hx_tensor hx_min_all(hx_tensor t);
HX_API int hx_max_dim(hx_tensor t, int64_t dim, int32_t keepdim, hx_tensor* values, hx_tensor* indices);
HX_API int hx_min_dim(hx_tensor t, int64_t dim, int32_t keepdim, hx_tensor* values, hx_tensor* indices);
HX_API hx_tensor hx_argmax(hx_tensor t, int32_t has_dim, int64_t dim, int32_t keepdim);
HX_API hx_tensor hx_argmin(hx_tensor t, int32_t has_dim, int64_t dim, int32_t keepdim);
HX_API int hx_topk(hx_tensor t, int64_t k, int64_t dim, int32_t largest, int32_t sorted, hx_tensor* values,
                   hx_tensor* indices);
HX_API int hx_sort(hx_tensor t, int64_t dim, int32_t descending, int32_t stable, hx_tensor* values,
                   hx_tensor* indices);
HX_API hx_tensor hx_cumsum(hx_tensor t, int64_t dim, int32_t dtype);
HX_API hx_tensor hx_norm(hx_tensor t, double p, const int64_t* dims, int64_t n, int32_t keepdim);
HX_API hx_tensor hx_logsumexp(hx_tensor t, const int64_t* dims, int64_t n, int32_t keepdim);
HX_API hx_tensor hx_all(hx_tensor t);
HX_API hx_tensor hx_any(hx_tensor t);
HX_API int hx_allclose(hx_tensor a, hx_tensor b, double rtol, double atol, int32_t* result);
HX_API int hx_equal(hx_tensor a, hx_tensor b, int32_t* result);
