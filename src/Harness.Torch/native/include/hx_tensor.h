/* Creation, metadata, reading values back, dtype/device conversion, seeded randomness. */
#pragma once
#include "hx_api.h"

HX_API hx_tensor hx_from_data(const void* data, const int64_t* shape, int64_t ndim, int32_t dtype,
                              int32_t device_type, int32_t device_index);
HX_API hx_tensor hx_from_data_as(const void* data, const int64_t* shape, int64_t ndim, int32_t dtype, int32_t to_dtype,
                                 int32_t transpose, int32_t device_type, int32_t device_index);
HX_API hx_tensor hx_empty(const int64_t* shape, int64_t ndim, int32_t dtype, int32_t device_type, int32_t device_index);
HX_API hx_tensor hx_zeros(const int64_t* shape, int64_t ndim, int32_t dtype, int32_t device_type, int32_t device_index);
HX_API hx_tensor hx_ones(const int64_t* shape, int64_t ndim, int32_t dtype, int32_t device_type, int32_t device_index);
HX_API hx_tensor hx_full(const int64_t* shape, int64_t ndim, hx_scalar value, int32_t dtype, int32_t device_type,
                         int32_t device_index);
HX_API hx_tensor hx_arange(hx_scalar start, hx_scalar end, hx_scalar step, int32_t dtype, int32_t device_type,
                           int32_t device_index);
HX_API hx_tensor hx_linspace(double start, double end, int64_t steps, int32_t dtype, int32_t device_type,
                             int32_t device_index);
HX_API hx_tensor hx_eye(int64_t n, int64_t m, int32_t dtype, int32_t device_type, int32_t device_index);
HX_API hx_tensor hx_zeros_like(hx_tensor t);
HX_API hx_tensor hx_ones_like(hx_tensor t);
HX_API hx_tensor hx_full_like(hx_tensor t, hx_scalar value);

HX_API int64_t hx_dim(hx_tensor t);
HX_API int hx_shape(hx_tensor t, int64_t* out);
HX_API int64_t hx_numel(hx_tensor t);
HX_API int32_t hx_dtype(hx_tensor t);
HX_API int hx_device(hx_tensor t, int32_t* type, int32_t* index);
HX_API int32_t hx_is_contiguous(hx_tensor t);
HX_API const char* hx_to_string(hx_tensor t);

HX_API int hx_copy_to_host(hx_tensor t, void* destination, int64_t nbytes);
HX_API int hx_item(hx_tensor t, hx_scalar* out);

HX_API hx_tensor hx_to(hx_tensor t, int32_t dtype, int32_t device_type, int32_t device_index, int32_t copy);
HX_API hx_tensor hx_clone(hx_tensor t);
HX_API hx_tensor hx_contiguous(hx_tensor t);
HX_API hx_tensor hx_alias(hx_tensor t);

HX_API hx_generator hx_generator_new(uint64_t seed, int32_t device_type, int32_t device_index);
HX_API void hx_generator_free(hx_generator g);
HX_API int hx_generator_seed(hx_generator g, uint64_t* seed);
HX_API int hx_manual_seed(uint64_t seed);

HX_API hx_tensor hx_rand(const int64_t* shape, int64_t ndim, hx_generator g, int32_t dtype, int32_t device_type,
                         int32_t device_index);
HX_API hx_tensor hx_randn(const int64_t* shape, int64_t ndim, hx_generator g, int32_t dtype, int32_t device_type,
                          int32_t device_index);
HX_API hx_tensor hx_randint(int64_t low, int64_t high, const int64_t* shape, int64_t ndim, hx_generator g,
                            int32_t dtype, int32_t device_type, int32_t device_index);
HX_API hx_tensor hx_randperm(int64_t n, hx_generator g, int32_t dtype, int32_t device_type, int32_t device_index);
HX_API hx_tensor hx_bernoulli(hx_tensor probabilities, hx_generator g);
HX_API hx_tensor hx_bernoulli_p(hx_tensor like, double p, hx_generator g);
HX_API hx_tensor hx_multinomial(hx_tensor probabilities, int64_t samples, int32_t replacement, hx_generator g);
