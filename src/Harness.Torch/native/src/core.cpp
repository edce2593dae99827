// Errors, lifetime, runtime information, threads, grad mode and CUDA queries.
#include <ATen/Parallel.h>
#include <ATen/Version.h>
#include <ATen/detail/CUDAHooksInterface.h>
#include <c10/core/GradMode.h>
#include <c10/core/impl/VirtualGuardImpl.h>
#include <torch/csrc/api/include/torch/version.h>

// The caching allocator's statistics are read through c10::DeviceAllocator (libtorch >= 2.9), a
// CPU-side c10 interface that the CUDA caching allocator implements: no CUDA headers, and Debian's
// CPU 1.13 compiles without it (the memory functions below then report 0).
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 9)
#include <c10/core/CachingDeviceAllocator.h>
#define HX_HAS_DEVICE_ALLOCATOR 1
#else
#define HX_HAS_DEVICE_ALLOCATOR 0
#endif

#include <dlfcn.h>
#include <link.h>
#include <sched.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <string>

#include "hx_core.h"
#include "hx_internal.h"

namespace {
thread_local std::string last_error;
thread_local std::string text_buffer;

const char* keep(std::string s) {
  text_buffer = std::move(s);
  return text_buffer.c_str();
}

#if HX_HAS_DEVICE_ALLOCATOR
// The CUDA caching allocator when libtorch has CUDA, a GPU is visible and the allocator has been
// initialised (its first CUDA allocation); null otherwise, so the callers report 0 / do nothing.
c10::DeviceAllocator* cuda_device_allocator() {
  if (!at::hasCUDA() || at::detail::getCUDAHooks().getNumGPUs() == 0) return nullptr;
  auto* allocator = dynamic_cast<c10::DeviceAllocator*>(c10::GetAllocator(c10::DeviceType::CUDA));
  return allocator != nullptr && allocator->initialized() ? allocator : nullptr;
}
#endif

int cpus_available() {
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof(set), &set) == 0) return std::max(1, CPU_COUNT(&set));
  return 1;
}

// libtorch sizes its intra-op pool from OpenMP, which reports 1 on some small VMs: start from the
// CPUs this process may run on, or HARNESS_NUM_THREADS when set.
__attribute__((constructor)) void init_threads() {
  int n = cpus_available();
  if (const char* env = std::getenv("HARNESS_NUM_THREADS")) {
    int requested = std::atoi(env);
    if (requested > 0) n = requested;
  }
  try {
    at::set_num_threads(n);
  } catch (...) {
  }
}

// CUDA driver API, opened lazily so that the shim needs no CUDA headers and runs without a GPU.
using cu_init_t = int (*)(unsigned int);
using cu_device_get_t = int (*)(int*, int);
using cu_device_get_name_t = int (*)(char*, int, int);
using cu_driver_get_version_t = int (*)(int*);

void* cuda_driver() {
  static void* handle = [] {
    void* h = dlopen("libcuda.so.1", RTLD_LAZY | RTLD_LOCAL);
    if (h != nullptr) {
      auto init = reinterpret_cast<cu_init_t>(dlsym(h, "cuInit"));
      if (init == nullptr || init(0) != 0) return static_cast<void*>(nullptr);
    }
    return h;
  }();
  return handle;
}
}  // namespace

void hx::set_error(const char* message) { last_error = message == nullptr ? "" : message; }

HX_API const char* hx_last_error(void) { return last_error.c_str(); }

HX_API void hx_free(hx_tensor t) { delete reinterpret_cast<at::Tensor*>(t); }

HX_API int64_t hx_list_len(hx_list l) {
  return static_cast<int64_t>(reinterpret_cast<std::vector<at::Tensor>*>(l)->size());
}

HX_API hx_tensor hx_list_get(hx_list l, int64_t i) {
  return hx::guard_tensor([&] { return reinterpret_cast<std::vector<at::Tensor>*>(l)->at(static_cast<size_t>(i)); });
}

HX_API void hx_list_free(hx_list l) { delete reinterpret_cast<std::vector<at::Tensor>*>(l); }

HX_API const char* hx_torch_version(void) { return TORCH_VERSION; }

HX_API const char* hx_build_config(void) {
  try {
    return keep(at::show_config());
  } catch (...) {
    return "";
  }
}

HX_API const char* hx_parallel_info(void) {
  try {
    return keep(at::get_parallel_info());
  } catch (...) {
    return "";
  }
}

// The BLAS and LAPACK libraries actually mapped into this process (resolved through symlinks and
// Debian's alternatives), which is what decides matmul speed: build flags cannot tell.
HX_API const char* hx_loaded_blas(void) {
  std::string found;
  dl_iterate_phdr(
      [](struct dl_phdr_info* info, size_t, void* data) {
        auto* out = static_cast<std::string*>(data);
        if (info->dlpi_name == nullptr || info->dlpi_name[0] == '\0') return 0;
        std::string name = info->dlpi_name;
        std::string lower = name;
        std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
        if (lower.find("blas") == std::string::npos && lower.find("mkl") == std::string::npos &&
            lower.find("lapack") == std::string::npos)
          return 0;
        char resolved[4096];
        if (realpath(name.c_str(), resolved) != nullptr) name = resolved;
        if (out->find(name) == std::string::npos) {
          if (!out->empty()) out->append(";");
          out->append(name);
        }
        return 0;
      },
      &found);
  return keep(found);
}

HX_API int32_t hx_get_num_threads(void) { return at::get_num_threads(); }

HX_STATUS_FN(set_num_threads, (int32_t n), {
  if (n < 1) throw std::invalid_argument("the number of threads must be at least 1, got " + std::to_string(n));
  at::set_num_threads(n);
})

HX_API int32_t hx_get_num_interop_threads(void) { return at::get_num_interop_threads(); }

HX_API int32_t hx_is_grad_enabled(void) { return c10::GradMode::is_enabled() ? 1 : 0; }

HX_API void hx_set_grad_enabled(int32_t enabled) { c10::GradMode::set_enabled(enabled != 0); }

HX_API int32_t hx_cuda_is_available(void) {
  try {
    return at::hasCUDA() && at::detail::getCUDAHooks().getNumGPUs() > 0 ? 1 : 0;
  } catch (...) {
    return 0;
  }
}

HX_API int32_t hx_cuda_device_count(void) {
  try {
    return at::hasCUDA() ? static_cast<int32_t>(at::detail::getCUDAHooks().getNumGPUs()) : 0;
  } catch (...) {
    return 0;
  }
}

HX_STATUS_FN(cuda_device_name, (int32_t index, char* buffer, int32_t capacity), {
  void* h = cuda_driver();
  if (h == nullptr) throw std::runtime_error("the CUDA driver (libcuda.so.1) is not available");
  auto get = reinterpret_cast<cu_device_get_t>(dlsym(h, "cuDeviceGet"));
  auto get_name = reinterpret_cast<cu_device_get_name_t>(dlsym(h, "cuDeviceGetName"));
  int dev = 0;
  if (get == nullptr || get_name == nullptr || get(&dev, index) != 0 || get_name(buffer, capacity, dev) != 0)
    throw std::runtime_error("cuDeviceGetName failed for device " + std::to_string(index));
})

HX_STATUS_FN(cuda_driver_version, (int32_t* version), {
  void* h = cuda_driver();
  if (h == nullptr) throw std::runtime_error("the CUDA driver (libcuda.so.1) is not available");
  auto get = reinterpret_cast<cu_driver_get_version_t>(dlsym(h, "cuDriverGetVersion"));
  int v = 0;
  if (get == nullptr || get(&v) != 0) throw std::runtime_error("cuDriverGetVersion failed");
  *version = v;
})

// Waits for the work queued on the device's current stream (what timings need).
HX_STATUS_FN(cuda_synchronize, (int32_t index), {
  c10::impl::VirtualGuardImpl impl(c10::DeviceType::CUDA);
  impl.getStream(c10::Device(c10::DeviceType::CUDA, static_cast<c10::DeviceIndex>(index))).synchronize();
})

HX_API int32_t hx_cuda_memory_stats_supported(void) {
#if HX_HAS_DEVICE_ALLOCATOR
  try {
    return at::hasCUDA() && at::detail::getCUDAHooks().getNumGPUs() > 0 ? 1 : 0;
  } catch (...) {
    return 0;
  }
#else
  return 0;
#endif
}

// Bytes held by live tensors on the device now and at most since the last reset, the aggregate
// pool's allocated_bytes (torch.cuda.memory_allocated / max_memory_allocated); 0 and 0 without
// CUDA, before the first CUDA allocation, or with a libtorch older than 2.9.
HX_STATUS_FN(cuda_memory_allocated, (int32_t index, int64_t* current, int64_t* peak), {
  *current = 0;
  *peak = 0;
#if HX_HAS_DEVICE_ALLOCATOR
  if (auto* allocator = cuda_device_allocator()) {
    const auto stats = allocator->getDeviceStats(static_cast<c10::DeviceIndex>(index));
    const auto& aggregate = stats.allocated_bytes[0];  // StatType::AGGREGATE
    *current = aggregate.current;
    *peak = aggregate.peak;
  }
#endif
})

// Starts the peak over from the current allocation (torch.cuda.reset_peak_memory_stats); a no-op
// where hx_cuda_memory_allocated reports 0.
HX_STATUS_FN(cuda_reset_peak_memory_stats, (int32_t index), {
#if HX_HAS_DEVICE_ALLOCATOR
  if (auto* allocator = cuda_device_allocator()) allocator->resetPeakStats(static_cast<c10::DeviceIndex>(index));
#endif
})
