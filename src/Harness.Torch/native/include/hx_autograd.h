/* Autograd: leaves that require gradients, backward, gradients of non-leaf tensors. */
#pragma once
#include "hx_api.h"

HX_API int32_t hx_requires_grad(hx_tensor t);
HX_API int hx_set_requires_grad(hx_tensor t, int32_t requires_grad);
HX_API int32_t hx_is_leaf(hx_tensor t);
/* *grad is NULL when the tensor has no gradient yet. */
HX_API int hx_grad(hx_tensor t, hx_tensor* grad);
HX_API int hx_zero_grad(hx_tensor t);
HX_API int hx_retain_grad(hx_tensor t);
HX_API hx_tensor hx_detach(hx_tensor t);
HX_API int hx_backward(hx_tensor t, hx_tensor gradient, int32_t retain_graph, int32_t create_graph);
/* torch.autograd.grad; grad_outputs may be NULL (ones for scalars); results[i] is NULL for an
 * input the outputs do not depend on (allow_unused). */
HX_API int hx_autograd_grad(const hx_tensor* outputs, int64_t n_outputs, const hx_tensor* inputs, int64_t n_inputs,
                            const hx_tensor* grad_outputs, int32_t retain_graph, int32_t create_graph,
                            int32_t allow_unused, hx_tensor* results);
