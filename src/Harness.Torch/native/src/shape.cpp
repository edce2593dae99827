// Views, shape operations, indexing and joining.
#include "hx_internal.h"
#include "hx_shape.h"

using hx::T;

HX_TENSOR_FN(view, (hx_tensor t, const int64_t* shape, int64_t ndim), T(t).view(hx::dims(shape, ndim)))
HX_TENSOR_FN(reshape, (hx_tensor t, const int64_t* shape, int64_t ndim), T(t).reshape(hx::dims(shape, ndim)))
HX_TENSOR_FN(permute, (hx_tensor t, const int64_t* dims, int64_t ndim), T(t).permute(hx::dims(dims, ndim)))
HX_TENSOR_FN(transpose, (hx_tensor t, int64_t dim0, int64_t dim1), T(t).transpose(dim0, dim1))
HX_TENSOR_FN(flatten, (hx_tensor t, int64_t start_dim, int64_t end_dim), T(t).flatten(start_dim, end_dim))
HX_TENSOR_FN(expand, (hx_tensor t, const int64_t* shape, int64_t ndim), T(t).expand(hx::dims(shape, ndim)))
HX_TENSOR_FN(unsqueeze, (hx_tensor t, int64_t dim), T(t).unsqueeze(dim))
HX_TENSOR_FN(squeeze, (hx_tensor t), T(t).squeeze())
HX_TENSOR_FN(squeeze_dim, (hx_tensor t, int64_t dim), T(t).squeeze(dim))
HX_TENSOR_FN(repeat, (hx_tensor t, const int64_t* repeats, int64_t n), T(t).repeat(hx::dims(repeats, n)))
HX_TENSOR_FN(repeat_interleave, (hx_tensor t, int64_t repeats, int64_t dim), T(t).repeat_interleave(repeats, dim))
HX_TENSOR_FN(flip, (hx_tensor t, const int64_t* dims, int64_t n), T(t).flip(hx::dims(dims, n)))
HX_TENSOR_FN(tril, (hx_tensor t, int64_t diagonal), T(t).tril(diagonal))
HX_TENSOR_FN(triu, (hx_tensor t, int64_t diagonal), T(t).triu(diagonal))

HX_TENSOR_FN(cat, (const hx_tensor* ts, int64_t n, int64_t dim), at::cat(hx::tensors(ts, n), dim))
HX_TENSOR_FN(stack, (const hx_tensor* ts, int64_t n, int64_t dim), at::stack(hx::tensors(ts, n), dim))

HX_API hx_list hx_split(hx_tensor t, int64_t split_size, int64_t dim) {
  return hx::guard_list([&] { return T(t).split(split_size, dim); });
}
HX_API hx_list hx_split_with_sizes(hx_tensor t, const int64_t* sizes, int64_t n, int64_t dim) {
  return hx::guard_list([&] { return T(t).split_with_sizes(hx::dims(sizes, n), dim); });
}
HX_API hx_list hx_chunk(hx_tensor t, int64_t chunks, int64_t dim) {
  return hx::guard_list([&] { return T(t).chunk(chunks, dim); });
}

HX_TENSOR_FN(narrow, (hx_tensor t, int64_t dim, int64_t start, int64_t length), T(t).narrow(dim, start, length))
// Python's t[start:end:step] along dim; end is clamped to the size like Python's slices.
HX_TENSOR_FN(slice, (hx_tensor t, int64_t dim, int64_t start, int64_t end, int64_t step),
             T(t).slice(dim, start, end, step))
HX_TENSOR_FN(select, (hx_tensor t, int64_t dim, int64_t index), T(t).select(dim, index))
HX_TENSOR_FN(index_select, (hx_tensor t, int64_t dim, hx_tensor index), T(t).index_select(dim, T(index)))
HX_TENSOR_FN(masked_select, (hx_tensor t, hx_tensor mask), T(t).masked_select(T(mask)))
HX_TENSOR_FN(gather, (hx_tensor t, int64_t dim, hx_tensor index), T(t).gather(dim, T(index)))
HX_TENSOR_FN(scatter, (hx_tensor t, int64_t dim, hx_tensor index, hx_tensor source),
             T(t).scatter(dim, T(index), T(source)))
HX_TENSOR_FN(scatter_value, (hx_tensor t, int64_t dim, hx_tensor index, hx_scalar value),
             T(t).scatter(dim, T(index), hx::scalar(value)))
HX_TENSOR_FN(scatter_add, (hx_tensor t, int64_t dim, hx_tensor index, hx_tensor source),
             T(t).scatter_add(dim, T(index), T(source)))
HX_TENSOR_FN(masked_fill, (hx_tensor t, hx_tensor mask, hx_scalar value), T(t).masked_fill(T(mask), hx::scalar(value)))
HX_TENSOR_FN(where, (hx_tensor condition, hx_tensor a, hx_tensor b), at::where(T(condition), T(a), T(b)))
