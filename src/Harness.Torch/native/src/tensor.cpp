// Creation, metadata, reading values back, dtype/device conversion, seeded randomness.
#include <ATen/detail/CUDAHooksInterface.h>

#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstring>
#include <mutex>
#include <sstream>

#include "hx_internal.h"
#include "hx_tensor.h"

using hx::T;

namespace {
thread_local std::string text;

#ifndef MADV_POPULATE_READ
#define MADV_POPULATE_READ 22  // Linux 5.14+: fault a range's page tables in one call
#endif

// Loading a checkpoint copies ~0.5-30 GB from the page cache into fresh anonymous memory; with 4 KiB pages that is one
// page fault per 4 KiB on both sides (~250,000 for GPT-2 small), which dominated its load on a 2-core CPU. Both advices
// are hints: a kernel without them (or THP set to `never`) answers EINVAL and the copy faults as before.
constexpr uintptr_t huge_page = uintptr_t{1} << 21;

// Asks for transparent huge pages over the 2 MiB-aligned part of a destination, before anything touches it.
void advise_huge_pages(void* data, size_t bytes) {
  auto begin = (reinterpret_cast<uintptr_t>(data) + huge_page - 1) & ~(huge_page - 1);
  auto end = (reinterpret_cast<uintptr_t>(data) + bytes) & ~(huge_page - 1);
  if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
}

// Maps a source range of a memory-mapped file in one system call instead of one fault per page.
void populate_for_reading(const void* data, size_t bytes) {
  static const uintptr_t page = static_cast<uintptr_t>(sysconf(_SC_PAGESIZE));
  auto begin = reinterpret_cast<uintptr_t>(data) & ~(page - 1);
  auto end = reinterpret_cast<uintptr_t>(data) + bytes;
  if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_POPULATE_READ);
}
}  // namespace

HX_TENSOR_FN(from_data,
             (const void* data, const int64_t* shape, int64_t ndim, int32_t dtype, int32_t device_type,
              int32_t device_index),
             at::from_blob(const_cast<void*>(data), hx::dims(shape, ndim),
                           at::TensorOptions().dtype(static_cast<at::ScalarType>(dtype)))
                 .to(hx::device(device_type, device_index), /*non_blocking=*/false, /*copy=*/true))
// A weight read from a memory-mapped file into its final tensor in one copy: the bytes at `data` (`dtype`, `shape`,
// read in place through from_blob), transposed when asked (a 2-D Conv1D weight stored [in, out] and computed with as
// [out, in]), converted to `to_dtype` and laid out contiguously by a single copy_ into the destination. On CUDA the copy
// goes through a pinned staging buffer and is asynchronous (non_blocking), so the next tensor's read from the page
// cache overlaps this one's transfer; the caching host allocator keeps the staging block until the copy has run (it
// records the copy's event), and the caller synchronises once the whole checkpoint is queued.
HX_TENSOR_FN(from_data_as,
             (const void* data, const int64_t* shape, int64_t ndim, int32_t dtype, int32_t to_dtype, int32_t transpose,
              int32_t device_type, int32_t device_index),
             ([&]() -> at::Tensor {
               auto source = at::from_blob(const_cast<void*>(data), hx::dims(shape, ndim),
                                           at::TensorOptions().dtype(static_cast<at::ScalarType>(dtype)));
               if (transpose) source = source.t();
               auto device = hx::device(device_type, device_index);
               auto options = at::TensorOptions().dtype(static_cast<at::ScalarType>(to_dtype));
               auto result = at::empty(source.sizes(), options.device(device));
               populate_for_reading(data, source.nbytes());
               if (device.is_cpu()) {
                 advise_huge_pages(result.data_ptr(), result.nbytes());
                 return result.copy_(source);
               }
               auto staged = at::empty(source.sizes(), options.pinned_memory(true));
               staged.copy_(source);
               return result.copy_(staged, /*non_blocking=*/true);
             }()))
HX_TENSOR_FN(empty, (const int64_t* shape, int64_t ndim, int32_t dtype, int32_t device_type, int32_t device_index),
             at::empty(hx::dims(shape, ndim), hx::options(dtype, device_type, device_index)))
HX_TENSOR_FN(zeros, (const int64_t* shape, int64_t ndim, int32_t dtype, int32_t device_type, int32_t device_index),
             at::zeros(hx::dims(shape, ndim), hx::options(dtype, device_type, device_index)))
HX_TENSOR_FN(ones, (const int64_t* shape, int64_t ndim, int32_t dtype, int32_t device_type, int32_t device_index),
             at::ones(hx::dims(shape, ndim), hx::options(dtype, device_type, device_index)))
HX_TENSOR_FN(full,
             (const int64_t* shape, int64_t ndim, hx_scalar value, int32_t dtype, int32_t device_type,
              int32_t device_index),
             at::full(hx::dims(shape, ndim), hx::scalar(value), hx::options(dtype, device_type, device_index)))
// Source: pytorch.org/docs/stable/generated/torch.arange.html: without a dtype, integer bounds give
// int64 and any floating bound gives the default float dtype.
HX_TENSOR_FN(arange,
             (hx_scalar start, hx_scalar end, hx_scalar step, int32_t dtype, int32_t device_type, int32_t device_index),
             dtype >= 0 ? at::arange(hx::scalar(start), hx::scalar(end), hx::scalar(step),
                                     hx::options(dtype, device_type, device_index))
                        : at::arange(hx::scalar(start), hx::scalar(end), hx::scalar(step),
                                     at::TensorOptions()
                                         .dtype(start.kind == 0 || end.kind == 0 || step.kind == 0 ? at::kFloat : at::kLong)
                                         .device(hx::device(device_type, device_index))))
HX_TENSOR_FN(linspace,
             (double start, double end, int64_t steps, int32_t dtype, int32_t device_type, int32_t device_index),
             at::linspace(start, end, steps, hx::options(dtype, device_type, device_index)))
HX_TENSOR_FN(eye, (int64_t n, int64_t m, int32_t dtype, int32_t device_type, int32_t device_index),
             at::eye(n, m, hx::options(dtype, device_type, device_index)))
HX_TENSOR_FN(zeros_like, (hx_tensor t), at::zeros_like(T(t)))
HX_TENSOR_FN(ones_like, (hx_tensor t), at::ones_like(T(t)))
HX_TENSOR_FN(full_like, (hx_tensor t, hx_scalar value), at::full_like(T(t), hx::scalar(value)))

HX_API int64_t hx_dim(hx_tensor t) { return T(t).dim(); }

HX_API int hx_shape(hx_tensor t, int64_t* out) {
  auto sizes = T(t).sizes();
  for (size_t i = 0; i < sizes.size(); ++i) out[i] = sizes[i];
  return 0;
}

HX_API int64_t hx_numel(hx_tensor t) { return T(t).numel(); }

HX_API int32_t hx_dtype(hx_tensor t) { return static_cast<int32_t>(T(t).scalar_type()); }

HX_API int hx_device(hx_tensor t, int32_t* type, int32_t* index) {
  auto d = T(t).device();
  *type = static_cast<int32_t>(d.type());
  *index = d.has_index() ? d.index() : 0;
  return 0;
}

HX_API int32_t hx_is_contiguous(hx_tensor t) { return T(t).is_contiguous() ? 1 : 0; }

HX_API const char* hx_to_string(hx_tensor t) {
  try {
    std::ostringstream os;
    os << T(t);
    text = os.str();
  } catch (const std::exception& e) {
    text = e.what();
  }
  return text.c_str();
}

// Copies the values, in the tensor's own dtype and row-major order, into host memory.
HX_STATUS_FN(copy_to_host, (hx_tensor t, void* destination, int64_t nbytes), {
  at::Tensor src = T(t).detach().to(at::kCPU).contiguous();
  int64_t needed = src.numel() * static_cast<int64_t>(src.element_size());
  if (needed != nbytes)
    throw std::invalid_argument("destination holds " + std::to_string(nbytes) + " bytes, the tensor " +
                                std::to_string(needed));
  if (needed > 0) std::memcpy(destination, src.data_ptr(), static_cast<size_t>(needed));
})

HX_STATUS_FN(item, (hx_tensor t, hx_scalar * out), {
  at::Scalar s = T(t).item();
  if (s.isBoolean()) {
    out->kind = 2;
    out->i = s.toBool() ? 1 : 0;
    out->d = static_cast<double>(out->i);
  } else if (s.isIntegral(/*includeBool=*/false)) {
    out->kind = 1;
    out->i = s.toLong();
    out->d = static_cast<double>(out->i);
  } else {
    out->kind = 0;
    out->d = s.toDouble();
    out->i = static_cast<int64_t>(out->d);
  }
})

HX_TENSOR_FN(to, (hx_tensor t, int32_t dtype, int32_t device_type, int32_t device_index, int32_t copy), [&] {
  const at::Tensor& x = T(t);
  auto dt = dtype < 0 ? x.scalar_type() : static_cast<at::ScalarType>(dtype);
  auto dev = device_type < 0 ? x.device() : hx::device(device_type, device_index);
  return x.to(dev, dt, /*non_blocking=*/false, copy != 0);
}())
HX_TENSOR_FN(clone, (hx_tensor t), T(t).clone())
HX_TENSOR_FN(contiguous, (hx_tensor t), T(t).contiguous())
// A second handle to the same tensor (shares storage and autograd identity).
HX_TENSOR_FN(alias, (hx_tensor t), T(t))

// A generator of its own, seeded: a clone of the device's default generator, so CPU and CUDA
// generators are made the same way and the shim needs no CUDA headers.
HX_API hx_generator hx_generator_new(uint64_t seed, int32_t device_type, int32_t device_index) {
  try {
    auto dev = hx::device(device_type, device_index);
    at::Generator g = at::globalContext().defaultGenerator(dev).clone();
    {
      std::lock_guard<std::mutex> lock(g.mutex());
      g.set_current_seed(seed);
    }
    return reinterpret_cast<hx_generator>(new at::Generator(std::move(g)));
  } catch (const c10::Error& e) {
    hx::set_error(e.what_without_backtrace());
  } catch (const std::exception& e) {
    hx::set_error(e.what());
  }
  return nullptr;
}

HX_API void hx_generator_free(hx_generator g) { delete reinterpret_cast<at::Generator*>(g); }

HX_STATUS_FN(generator_seed, (hx_generator g, uint64_t * seed),
             { *seed = reinterpret_cast<at::Generator*>(g)->current_seed(); })

// Seeds the default generators of every device (torch.manual_seed).
HX_STATUS_FN(manual_seed, (uint64_t seed), {
  {
    auto g = at::globalContext().defaultGenerator(at::kCPU);
    std::lock_guard<std::mutex> lock(g.mutex());
    g.set_current_seed(seed);
  }
  if (at::hasCUDA()) {
    int n = static_cast<int>(at::detail::getCUDAHooks().getNumGPUs());
    for (int i = 0; i < n; ++i) {
      auto g = at::globalContext().defaultGenerator(at::Device(at::kCUDA, static_cast<c10::DeviceIndex>(i)));
      std::lock_guard<std::mutex> lock(g.mutex());
      g.set_current_seed(seed);
    }
  }
})

HX_TENSOR_FN(rand,
             (const int64_t* shape, int64_t ndim, hx_generator g, int32_t dtype, int32_t device_type,
              int32_t device_index),
             at::rand(hx::dims(shape, ndim), hx::generator(g), hx::options(dtype, device_type, device_index)))
HX_TENSOR_FN(randn,
             (const int64_t* shape, int64_t ndim, hx_generator g, int32_t dtype, int32_t device_type,
              int32_t device_index),
             at::randn(hx::dims(shape, ndim), hx::generator(g), hx::options(dtype, device_type, device_index)))
HX_TENSOR_FN(randint,
             (int64_t low, int64_t high, const int64_t* shape, int64_t ndim, hx_generator g, int32_t dtype,
              int32_t device_type, int32_t device_index),
             at::randint(low, high, hx::dims(shape, ndim), hx::generator(g),
                         hx::options(dtype < 0 ? static_cast<int32_t>(at::kLong) : dtype, device_type, device_index)))
HX_TENSOR_FN(randperm, (int64_t n, hx_generator g, int32_t dtype, int32_t device_type, int32_t device_index),
             at::randperm(n, hx::generator(g),
                          hx::options(dtype < 0 ? static_cast<int32_t>(at::kLong) : dtype, device_type, device_index)))
HX_TENSOR_FN(bernoulli, (hx_tensor probabilities, hx_generator g), at::bernoulli(T(probabilities), hx::generator(g)))
HX_TENSOR_FN(bernoulli_p, (hx_tensor like, double p, hx_generator g), at::bernoulli(T(like), p, hx::generator(g)))
HX_TENSOR_FN(multinomial, (hx_tensor probabilities, int64_t samples, int32_t replacement, hx_generator g),
             at::multinomial(T(probabilities), samples, replacement != 0, hx::generator(g)))
