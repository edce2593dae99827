/* Errors, lifetime, runtime information, threads, grad mode and CUDA queries. */
#pragma once
#include "hx_api.h"

HX_API const char* hx_last_error(void);
HX_API void hx_free(hx_tensor t);

HX_API int64_t hx_list_len(hx_list l);
HX_API hx_tensor hx_list_get(hx_list l, int64_t i);
HX_API void hx_list_free(hx_list l);

HX_API const char* hx_torch_version(void);
HX_API const char* hx_build_config(void);
HX_API const char* hx_parallel_info(void);
HX_API const char* hx_loaded_blas(void);

HX_API int32_t hx_get_num_threads(void);
HX_API int hx_set_num_threads(int32_t n);
HX_API int32_t hx_get_num_interop_threads(void);

HX_API int32_t hx_is_grad_enabled(void);
HX_API void hx_set_grad_enabled(int32_t enabled);

HX_API int32_t hx_cuda_is_available(void);
HX_API int32_t hx_cuda_device_count(void);
HX_API int hx_cuda_device_name(int32_t index, char* buffer, int32_t capacity);
HX_API int hx_cuda_driver_version(int32_t* version);
HX_API int hx_cuda_synchronize(int32_t index);
HX_API int32_t hx_cuda_memory_stats_supported(void);
HX_API int hx_cuda_memory_allocated(int32_t index, int64_t* current, int64_t* peak);
HX_API int hx_cuda_reset_peak_memory_stats(int32_t index);
