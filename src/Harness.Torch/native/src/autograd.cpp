// Autograd: leaves that require gradients, backward, gradients of non-leaf tensors.
#include <torch/csrc/autograd/autograd.h>

#include "hx_autograd.h"
#include "hx_internal.h"

using hx::T;

HX_API int32_t hx_requires_grad(hx_tensor t) { return T(t).requires_grad() ? 1 : 0; }
// Source: torch/csrc/autograd/python_variable_methods.cpp (requires_grad_): a non-leaf always
// requires grad, so switching it off is an error rather than a silent no-op.
HX_STATUS_FN(set_requires_grad, (hx_tensor t, int32_t requires_grad), {
  if (requires_grad == 0 && !T(t).is_leaf())
    throw std::runtime_error(
        "you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a "
        "subgraph that doesn't require differentiation use var_no_grad = var.detach().");
  T(t).set_requires_grad(requires_grad != 0);
})
HX_API int32_t hx_is_leaf(hx_tensor t) { return T(t).is_leaf() ? 1 : 0; }

HX_STATUS_FN(grad, (hx_tensor t, hx_tensor * grad), {
  const at::Tensor& g = T(t).grad();
  *grad = g.defined() ? hx::wrap(g) : nullptr;
})
HX_STATUS_FN(zero_grad, (hx_tensor t), T(t).mutable_grad() = at::Tensor())
HX_STATUS_FN(retain_grad, (hx_tensor t), T(t).retain_grad())
HX_TENSOR_FN(detach, (hx_tensor t), T(t).detach())

HX_STATUS_FN(backward, (hx_tensor t, hx_tensor gradient, int32_t retain_graph, int32_t create_graph),
             T(t).backward(hx::opt_tensor(gradient), c10::optional<bool>(retain_graph != 0), create_graph != 0))

HX_STATUS_FN(autograd_grad,
             (const hx_tensor* outputs, int64_t n_outputs, const hx_tensor* inputs, int64_t n_inputs,
              const hx_tensor* grad_outputs, int32_t retain_graph, int32_t create_graph, int32_t allow_unused,
              hx_tensor* results),
             {
               auto outs = hx::tensors(outputs, n_outputs);
               auto ins = hx::tensors(inputs, n_inputs);
               std::vector<at::Tensor> gouts;
               if (grad_outputs != nullptr) gouts = hx::tensors(grad_outputs, n_outputs);
               auto grads = torch::autograd::grad(outs, ins, gouts, c10::optional<bool>(retain_graph != 0),
                                                  create_graph != 0, allow_unused != 0);
               for (int64_t i = 0; i < n_inputs; ++i) results[i] = nullptr;
               for (int64_t i = 0; i < n_inputs; ++i)
                 results[i] = grads[static_cast<size_t>(i)].defined() ? hx::wrap(grads[static_cast<size_t>(i)]) : nullptr;
             })
