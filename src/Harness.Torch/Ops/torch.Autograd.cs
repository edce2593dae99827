using Harness.Torch.Native;

namespace Harness.Torch;

public static partial class torch
{
    /// <summary>Stops recording operations for autograd on this thread until disposed.</summary>
    public static GradModeScope no_grad() => new(false);

    /// <summary>Records operations for autograd on this thread until disposed.</summary>
    public static GradModeScope enable_grad() => new(true);

    /// <summary>Whether operations on this thread are recorded for autograd (PyTorch's <c>torch.is_grad_enabled</c>).</summary>
    public static bool is_grad_enabled() => Hx.hx_is_grad_enabled() != 0;

    /// <summary>torch.autograd (pytorch.org/docs/stable/autograd.html#torch.autograd.grad).</summary>
    public static class autograd
    {
        /// <summary>
        /// Gradients of <paramref name="outputs"/> with respect to <paramref name="inputs"/>, which may
        /// be intermediate (non-leaf) tensors such as a layer's activations; nothing is accumulated
        /// into .grad. <paramref name="grad_outputs"/> weights each output (needed for non-scalars).
        /// An entry is null when the outputs do not depend on that input and
        /// <paramref name="allow_unused"/> is set. <paramref name="retain_graph"/> defaults to
        /// <paramref name="create_graph"/>, as in PyTorch.
        /// </summary>
        public static unsafe Tensor?[] grad(
            IReadOnlyList<Tensor> outputs,
            IReadOnlyList<Tensor> inputs,
            IReadOnlyList<Tensor>? grad_outputs = null,
            bool? retain_graph = null,
            bool create_graph = false,
            bool allow_unused = false)
        {
            if (grad_outputs is not null && grad_outputs.Count != outputs.Count)
                throw new ArgumentException($"grad_outputs has {grad_outputs.Count} tensors, outputs {outputs.Count}");
            var retain = retain_graph ?? create_graph;
            var results = new IntPtr[inputs.Count];
            var status = Tensor.WithHandles(outputs, o => Tensor.WithHandles(inputs, i =>
                Tensor.WithHandles(grad_outputs ?? [], g =>
                {
                    fixed (IntPtr* po = o)
                    fixed (IntPtr* pi = i)
                    fixed (IntPtr* pg = g)
                    fixed (IntPtr* pr = results)
                        return Hx.hx_autograd_grad(po, o.Length, pi, i.Length, grad_outputs is null ? null : pg,
                            retain ? 1 : 0, create_graph ? 1 : 0, allow_unused ? 1 : 0, pr);
                })));
            Tensor.Check(status, "autograd.grad");
            return results.Select(Tensor.WrapOptional).ToArray();
        }

        /// <summary>The gradient of one scalar output with respect to one input.</summary>
        public static Tensor grad(Tensor output, Tensor input, bool? retain_graph = null, bool create_graph = false) =>
            grad([output], [input], null, retain_graph, create_graph)[0]!;
    }
}
