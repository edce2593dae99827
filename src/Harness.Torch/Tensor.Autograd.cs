using Harness.Torch.Native;

namespace Harness.Torch;

// Autograd (pytorch.org/docs/stable/autograd.html).
public sealed partial class Tensor
{
    /// <summary>Whether operations on this tensor are recorded; settable on leaves only.</summary>
    public bool requires_grad
    {
        get => Hx.hx_requires_grad(this) != 0;
        set => Check(Hx.hx_set_requires_grad(this, value ? 1 : 0));
    }

    /// <summary>In place: whether autograd records operations on this tensor (leaf tensors only) (PyTorch's <c>Tensor.requires_grad_</c>).</summary>
    public Tensor requires_grad_(bool requires_grad = true)
    {
        this.requires_grad = requires_grad;
        return this;
    }

    /// <summary>Whether autograd sees this as a leaf (created by the user, not by a recorded operation) (PyTorch's <c>Tensor.is_leaf</c>).</summary>
    public bool is_leaf => Hx.hx_is_leaf(this) != 0;

    /// <summary>The accumulated gradient, or null before any backward reached this tensor. Each
    /// read returns a new handle to the same gradient tensor.</summary>
    public Tensor? grad
    {
        get
        {
            Check(Hx.hx_grad(this, out var g));
            return WrapOptional(g);
        }
    }

    /// <summary>Forgets the accumulated gradient (optimizer.zero_grad(set_to_none=True)).</summary>
    public void zero_grad() => Check(Hx.hx_zero_grad(this));

    /// <summary>Keeps the gradient of a non-leaf tensor after backward.</summary>
    public Tensor retain_grad()
    {
        Check(Hx.hx_retain_grad(this));
        return this;
    }

    /// <summary>A tensor with the same values, cut from the graph.</summary>
    public Tensor detach() => Wrap(Hx.hx_detach(this));

    /// <summary>Accumulates d(this)/d(leaf) into every leaf's grad; <paramref name="gradient"/> is
    /// needed unless this is a scalar.</summary>
    public void backward(Tensor? gradient = null, bool retain_graph = false, bool create_graph = false)
    {
        Check(Hx.hx_backward(this, HandleOf(gradient), retain_graph ? 1 : 0, create_graph ? 1 : 0));
        GC.KeepAlive(gradient);
    }
}
