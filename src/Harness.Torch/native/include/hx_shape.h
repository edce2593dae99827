/* Views, shape operations, indexing and joining. */
#pragma once
#include "hx_api.h"

HX_API hx_tensor hx_view(hx_tensor t, const int64_t* shape, int64_t ndim);
HX_API hx_tensor hx_reshape(hx_tensor t, const int64_t* shape, int64_t ndim);
HX_API hx_tensor hx_permute(hx_tensor t, const int64_t* dims, int64_t ndim);
HX_API hx_tensor hx_transpose(hx_tensor t, int64_t dim0, int64_t dim1);
HX_API hx_tensor hx_flatten(hx_tensor t, int64_t start_dim, int64_t end_dim);
HX_API hx_tensor hx_expand(hx_tensor t, const int64_t* shape, int64_t ndim);
HX_API hx_tensor hx_unsqueeze(hx_tensor t, int64_t dim);
HX_API hx_tensor hx_squeeze(hx_tensor t);
HX_API hx_tensor hx_squeeze_dim(hx_tensor t, int64_t dim);
HX_API hx_tensor hx_repeat(hx_tensor t, const int64_t* repeats, int64_t n);
HX_API hx_tensor hx_repeat_interleave(hx_tensor t, int64_t repeats, int64_t dim);
HX_API hx_tensor hx_flip(hx_tensor t, const int64_t* dims, int64_t n);
HX_API hx_tensor hx_tril(hx_tensor t, int64_t diagonal);
HX_API hx_tensor hx_triu(hx_tensor t, int64_t diagonal);

HX_API hx_tensor hx_cat(const hx_tensor* ts, int64_t n, int64_t dim);
HX_API hx_tensor hx_stack(const hx_tensor* ts, int64_t n, int64_t dim);
HX_API hx_list hx_split(hx_tensor t, int64_t split_size, int64_t dim);
HX_API hx_list hx_split_with_sizes(hx_tensor t, const int64_t* sizes, int64_t n, int64_t dim);
HX_API hx_list hx_chunk(hx_tensor t, int64_t chunks, int64_t dim);

HX_API hx_tensor hx_narrow(hx_tensor t, int64_t dim, int64_t start, int64_t length);
HX_API hx_tensor hx_slice(hx_tensor t, int64_t dim, int64_t start, int64_t end, int64_t step);
HX_API hx_tensor hx_select(hx_tensor t, int64_t dim, int64_t index);
HX_API hx_tensor hx_index_select(hx_tensor t, int64_t dim, hx_tensor index);
HX_API hx_tensor hx_masked_select(hx_tensor t, hx_tensor mask);
HX_API hx_tensor hx_gather(hx_tensor t, int64_t dim, hx_tensor index);
HX_API hx_tensor hx_scatter(hx_tensor t, int64_t dim, hx_tensor index, hx_tensor source);
HX_API hx_tensor hx_scatter_value(hx_tensor t, int64_t dim, hx_tensor index, hx_scalar value);
HX_API hx_tensor hx_scatter_add(hx_tensor t, int64_t dim, hx_tensor index, hx_tensor source);
HX_API hx_tensor hx_masked_fill(hx_tensor t, hx_tensor mask, hx_scalar value);
HX_API hx_tensor hx_where(hx_tensor condition, hx_tensor a, hx_tensor b);
