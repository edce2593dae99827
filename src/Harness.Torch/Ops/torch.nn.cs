using Harness.Torch.Native;

namespace Harness.Torch;

/// <summary>Which GELU: the exact erf form or the tanh approximation (GPT-2's "gelu_new").</summary>
public enum GeluApproximation
{
    /// <summary>The exact GELU, x·Φ(x) with the normal CDF Φ.</summary>
    None,
    /// <summary>The tanh approximation 0.5·x·(1 + tanh(sqrt(2/π)·(x + 0.044715·x³))).</summary>
    Tanh,
}

public static partial class torch
{
    /// <summary>torch.nn's functional operations.</summary>
    public static class nn
    {
        /// <summary>torch.nn.functional.</summary>
        public static class functional
        {
            /// <summary>x W^T + b (W is [out, in]).</summary>
            public static Tensor linear(Tensor input, Tensor weight, Tensor? bias = null)
            {
                var t = Tensor.Wrap(Hx.hx_linear(input, weight, Tensor.HandleOf(bias)));
                GC.KeepAlive(bias);
                return t;
            }

            /// <summary>Rows of <paramref name="weight"/> at <paramref name="indices"/>; the row at
            /// <paramref name="padding_idx"/> (if any) gets no gradient.</summary>
            public static Tensor embedding(Tensor indices, Tensor weight, long? padding_idx = null) =>
                Tensor.Wrap(Hx.hx_embedding(weight, indices, padding_idx ?? -1));

            /// <summary>Layer normalisation over the trailing <paramref name="normalized_shape"/> dimensions: (x - mean) / sqrt(var + eps) · weight + bias (PyTorch's <c>torch.layer_norm</c>).</summary>
            public static unsafe Tensor layer_norm(Tensor input, long[] normalized_shape, Tensor? weight = null, Tensor? bias = null, double eps = 1e-5)
            {
                Tensor t;
                fixed (long* p = normalized_shape)
                    t = Tensor.Wrap(Hx.hx_layer_norm(input, p, normalized_shape.Length, Tensor.HandleOf(weight), Tensor.HandleOf(bias), eps));
                GC.KeepAlive(weight);
                GC.KeepAlive(bias);
                return t;
            }

            /// <summary>Root-mean-square norm over the last dimension, x / sqrt(mean(x^2) + eps) * weight,
            /// computed in float32 and cast back as Llama does (Zhang &amp; Sennrich 2019, eq. 4).</summary>
            public static Tensor rms_norm(Tensor input, Tensor? weight = null, double eps = 1e-6)
            {
                using var scope = NewDisposeScope();
                var x = input.to(float32);
                var normed = x.mul(x.pow(2).mean(-1, keepdim: true).add(eps).rsqrt()).to(input.dtype);
                var result = weight is null ? normed : normed.mul(weight);
                return result.MoveToOuterDisposeScope();
            }

            /// <summary>Element-wise GELU, x·Φ(x); with <see cref="GeluApproximation.Tanh"/> the tanh approximation GPT-2 uses (PyTorch's <c>torch.gelu</c>).</summary>
            public static Tensor gelu(Tensor input, GeluApproximation approximate = GeluApproximation.None) =>
                Tensor.Wrap(Hx.hx_gelu(input, approximate == GeluApproximation.Tanh ? 1 : 0));

            /// <summary>Element-wise x·sigmoid(x) (SiLU, swish) (PyTorch's <c>torch.silu</c>).</summary>
            public static Tensor silu(Tensor input) => input.silu();

            /// <summary>Element-wise max(x, 0) (PyTorch's <c>torch.relu</c>).</summary>
            public static Tensor relu(Tensor input) => input.relu();

            /// <summary>Softmax along the dimension, computed in <paramref name="dtype"/> when given (PyTorch's <c>torch.softmax</c>).</summary>
            public static Tensor softmax(Tensor input, long dim, ScalarType? dtype = null) => input.softmax(dim, dtype);

            /// <summary>Log of the softmax along the dimension (numerically stable), computed in <paramref name="dtype"/> when given (PyTorch's <c>torch.log_softmax</c>).</summary>
            public static Tensor log_softmax(Tensor input, long dim, ScalarType? dtype = null) => input.log_softmax(dim, dtype);

            /// <summary>Inverted dropout: zeroes each element with probability p and scales the rest by
            /// 1/(1-p) when training; the identity otherwise. Draws from <paramref name="generator"/>
            /// when given, so training is reproducible from its seed.</summary>
            public static Tensor dropout(Tensor input, double p = 0.5, bool training = true, Generator? generator = null)
            {
                var t = Tensor.Wrap(Hx.hx_dropout(input, p, training ? 1 : 0, Generator.HandleOf(generator)));
                GC.KeepAlive(generator);
                return t;
            }
        }

        /// <summary>torch.nn.utils.</summary>
        public static class utils
        {
            /// <summary>Scales every gradient so that their global L2 norm is at most
            /// <paramref name="max_norm"/>; returns the norm before clipping (torch.nn.utils.clip_grad_norm_).</summary>
            public static double clip_grad_norm_(IEnumerable<Tensor> parameters, double max_norm)
            {
                using var scope = NewDisposeScope();
                var grads = parameters.Select(p => p.grad).OfType<Tensor>().ToArray();
                if (grads.Length == 0) return 0.0;
                double sumSquares = 0;
                foreach (var g in grads)
                {
                    var n = g.norm(2).ToDouble();
                    sumSquares += n * n;
                }

                var total = Math.Sqrt(sumSquares);
                // Source: torch/nn/utils/clip_grad.py: clip_coef = max_norm / (total_norm + 1e-6).
                var coefficient = max_norm / (total + 1e-6);
                if (coefficient < 1.0)
                    foreach (var g in grads) g.mul_(coefficient);
                return total;
            }
        }
    }
}
