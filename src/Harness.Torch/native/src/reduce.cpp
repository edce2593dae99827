// Reductions along dimensions, sorting and selection, whole-tensor predicates.
#include <tuple>

#include "hx_internal.h"
#include "hx_reduce.h"

using hx::T;

namespace {
int pair(std::tuple<at::Tensor, at::Tensor> r, hx_tensor* values, hx_tensor* indices) {
  *values = hx::wrap(std::move(std::get<0>(r)));
  *indices = hx::wrap(std::move(std::get<1>(r)));
  return 0;
}
}  // namespace

// n == 0 reduces over every dimension (torch.sum(t)).
HX_TENSOR_FN(sum, (hx_tensor t, const int64_t* dims, int64_t n, int32_t keepdim, int32_t dtype),
             n == 0 ? at::sum(T(t), hx::opt_dtype(dtype))
                    : at::sum(T(t), hx::dims(dims, n), keepdim != 0, hx::opt_dtype(dtype)))
HX_TENSOR_FN(mean, (hx_tensor t, const int64_t* dims, int64_t n, int32_t keepdim, int32_t dtype),
             n == 0 ? at::mean(T(t), hx::opt_dtype(dtype))
                    : at::mean(T(t), hx::dims(dims, n), keepdim != 0, hx::opt_dtype(dtype)))
HX_TENSOR_FN(prod, (hx_tensor t, int32_t dtype), at::prod(T(t), hx::opt_dtype(dtype)))
HX_TENSOR_FN(max_all, (hx_tensor t), at::max(T(t)))
HX_TENSOR_FN(min_all, (hx_tensor t), at::min(T(t)))

HX_STATUS_FN(max_dim, (hx_tensor t, int64_t dim, int32_t keepdim, hx_tensor* values, hx_tensor* indices),
             pair(at::max(T(t), dim, keepdim != 0), values, indices))
HX_STATUS_FN(min_dim, (hx_tensor t, int64_t dim, int32_t keepdim, hx_tensor* values, hx_tensor* indices),
             pair(at::min(T(t), dim, keepdim != 0), values, indices))
HX_TENSOR_FN(argmax, (hx_tensor t, int32_t has_dim, int64_t dim, int32_t keepdim),
             at::argmax(T(t), has_dim ? c10::optional<int64_t>(dim) : c10::nullopt, keepdim != 0))
HX_TENSOR_FN(argmin, (hx_tensor t, int32_t has_dim, int64_t dim, int32_t keepdim),
             at::argmin(T(t), has_dim ? c10::optional<int64_t>(dim) : c10::nullopt, keepdim != 0))
HX_STATUS_FN(topk,
             (hx_tensor t, int64_t k, int64_t dim, int32_t largest, int32_t sorted, hx_tensor* values,
              hx_tensor* indices),
             pair(at::topk(T(t), k, dim, largest != 0, sorted != 0), values, indices))
HX_STATUS_FN(sort, (hx_tensor t, int64_t dim, int32_t descending, int32_t stable, hx_tensor* values, hx_tensor* indices),
             pair(at::sort(T(t), c10::optional<bool>(stable != 0), dim, descending != 0), values, indices))
HX_TENSOR_FN(cumsum, (hx_tensor t, int64_t dim, int32_t dtype), at::cumsum(T(t), dim, hx::opt_dtype(dtype)))
// The vector p-norm over dims (all dims when n == 0), as torch.linalg.vector_norm.
HX_TENSOR_FN(norm, (hx_tensor t, double p, const int64_t* dims, int64_t n, int32_t keepdim),
             n == 0 ? at::linalg_vector_norm(T(t), p)
                    : at::linalg_vector_norm(T(t), p, hx::dims(dims, n), keepdim != 0))
HX_TENSOR_FN(logsumexp, (hx_tensor t, const int64_t* dims, int64_t n, int32_t keepdim),
             at::logsumexp(T(t), hx::dims(dims, n), keepdim != 0))
HX_TENSOR_FN(all, (hx_tensor t), at::all(T(t)))
HX_TENSOR_FN(any, (hx_tensor t), at::any(T(t)))
HX_STATUS_FN(allclose, (hx_tensor a, hx_tensor b, double rtol, double atol, int32_t* result),
             *result = at::allclose(T(a), T(b), rtol, atol) ? 1 : 0)
HX_STATUS_FN(equal, (hx_tensor a, hx_tensor b, int32_t* result), *result = at::equal(T(a), T(b)) ? 1 : 0)
