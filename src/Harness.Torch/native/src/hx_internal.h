// Helpers shared by the shim's translation units: handle casts and the exception boundary.
#pragma once
#include <ATen/ATen.h>
#include <c10/util/Exception.h>
#include <c10/util/Optional.h>

#include <string>
#include <vector>

#include "hx_api.h"

namespace hx {

void set_error(const char* message);

inline at::Tensor& T(hx_tensor t) { return *reinterpret_cast<at::Tensor*>(t); }

inline hx_tensor wrap(at::Tensor t) {
  if (!t.defined()) throw std::runtime_error("the operation returned an undefined tensor");
  return reinterpret_cast<hx_tensor>(new at::Tensor(std::move(t)));
}

// Runs f, which returns an at::Tensor; converts any exception to NULL plus a message.
template <class F>
hx_tensor guard_tensor(F&& f) noexcept {
  try {
    return wrap(f());
  } catch (const c10::Error& e) {
    set_error(e.what_without_backtrace());
  } catch (const std::exception& e) {
    set_error(e.what());
  } catch (...) {
    set_error("unknown C++ exception");
  }
  return nullptr;
}

// Runs f, which returns nothing; converts any exception to -1 plus a message.
template <class F>
int guard_status(F&& f) noexcept {
  try {
    f();
    return 0;
  } catch (const c10::Error& e) {
    set_error(e.what_without_backtrace());
  } catch (const std::exception& e) {
    set_error(e.what());
  } catch (...) {
    set_error("unknown C++ exception");
  }
  return -1;
}

// Runs f, which returns a std::vector<at::Tensor>; converts any exception to NULL plus a message.
template <class F>
hx_list guard_list(F&& f) noexcept {
  try {
    return reinterpret_cast<hx_list>(new std::vector<at::Tensor>(f()));
  } catch (const c10::Error& e) {
    set_error(e.what_without_backtrace());
  } catch (const std::exception& e) {
    set_error(e.what());
  } catch (...) {
    set_error("unknown C++ exception");
  }
  return nullptr;
}

inline at::Scalar scalar(hx_scalar s) {
  switch (s.kind) {
    case 1: return at::Scalar(static_cast<int64_t>(s.i));
    case 2: return at::Scalar(s.i != 0);
    default: return at::Scalar(s.d);
  }
}

inline at::IntArrayRef dims(const int64_t* p, int64_t n) { return at::IntArrayRef(p, static_cast<size_t>(n)); }

inline c10::optional<at::ScalarType> opt_dtype(int32_t dtype) {
  if (dtype < 0) return c10::nullopt;
  return static_cast<at::ScalarType>(dtype);
}

inline at::Device device(int32_t type, int32_t index) {
  return at::Device(static_cast<c10::DeviceType>(type), static_cast<c10::DeviceIndex>(index));
}

// Options for a factory function: dtype < 0 means float32 (PyTorch's default dtype).
inline at::TensorOptions options(int32_t dtype, int32_t device_type, int32_t device_index) {
  auto st = dtype < 0 ? at::kFloat : static_cast<at::ScalarType>(dtype);
  return at::TensorOptions().dtype(st).device(device(device_type, device_index));
}

inline std::vector<at::Tensor> tensors(const hx_tensor* ts, int64_t n) {
  std::vector<at::Tensor> v;
  v.reserve(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) {
    if (ts[i] == nullptr) throw std::invalid_argument("a tensor in the list is null");
    v.push_back(T(ts[i]));
  }
  return v;
}

inline at::Tensor opt_tensor(hx_tensor t) { return t == nullptr ? at::Tensor() : T(t); }

inline c10::optional<at::Generator> generator(hx_generator g) {
  if (g == nullptr) return c10::nullopt;
  return *reinterpret_cast<at::Generator*>(g);
}

}  // namespace hx

// Declares `hx_tensor hx_NAME(ARGS)` whose body is the expression BODY under the exception guard.
#define HX_TENSOR_FN(name, params, body) \
  HX_API hx_tensor hx_##name params { return hx::guard_tensor([&]() -> at::Tensor { return body; }); }
// Declares `int hx_NAME(ARGS)` whose body is the statement BODY under the exception guard.
#define HX_STATUS_FN(name, params, body) \
  HX_API int hx_##name params { return hx::guard_status([&]() { body; }); }
