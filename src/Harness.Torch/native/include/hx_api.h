/* Shared definitions of the Harness.Torch C ABI. Every function is extern "C"; a function that
 * returns a tensor returns NULL on failure, one that returns int returns non-zero on failure, and
 * the failure's message is then read with hx_last_error() on the same thread. */
#pragma once
#include <stdint.h>

#ifdef __cplusplus
#define HX_EXTERN extern "C"
#else
#define HX_EXTERN
#endif
#define HX_API HX_EXTERN __attribute__((visibility("default")))

/* An owned at::Tensor; freed with hx_free. */
typedef struct hx_tensor_s* hx_tensor;
/* An owned std::vector<at::Tensor> returned by split/chunk; freed with hx_list_free. */
typedef struct hx_list_s* hx_list;
/* An owned at::Generator; freed with hx_generator_free. */
typedef struct hx_generator_s* hx_generator;

/* A number crossing the boundary: kind 0 = double d, 1 = int64 i, 2 = bool (i != 0). */
typedef struct {
  int32_t kind;
  double d;
  int64_t i;
} hx_scalar;

/* dtype: c10::ScalarType codes (6 float32, 7 float64, 5 float16, 15 bfloat16, 4 int64, 3 int32,
 * 11 bool); -1 means "default" or "keep". device_type: c10::DeviceType codes (0 cpu, 1 cuda). */
