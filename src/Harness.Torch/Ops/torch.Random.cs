using Harness.Torch.Native;

namespace Harness.Torch;

// Random sampling (pytorch.org/docs/stable/torch.html#random-sampling). Every function takes an
// optional Generator; without one it draws from the device's default generator (manual_seed).
public static partial class torch
{
    /// <summary>Uniform on [0, 1).</summary>
    public static unsafe Tensor rand(long[] shape, Generator? generator = null, ScalarType dtype = float32, Device? device = null)
    {
        var d = device ?? generator?.device ?? Device.CPU;
        Tensor t;
        fixed (long* p = shape) t = Tensor.Wrap(Hx.hx_rand(p, shape.Length, Generator.HandleOf(generator), (int)dtype, (int)d.type, d.index));
        GC.KeepAlive(generator);
        return t;
    }

    /// <summary>Standard normal.</summary>
    public static unsafe Tensor randn(long[] shape, Generator? generator = null, ScalarType dtype = float32, Device? device = null)
    {
        var d = device ?? generator?.device ?? Device.CPU;
        Tensor t;
        fixed (long* p = shape) t = Tensor.Wrap(Hx.hx_randn(p, shape.Length, Generator.HandleOf(generator), (int)dtype, (int)d.type, d.index));
        GC.KeepAlive(generator);
        return t;
    }

    /// <summary>Integers uniform on [low, high).</summary>
    public static unsafe Tensor randint(long low, long high, long[] shape, Generator? generator = null, ScalarType dtype = int64, Device? device = null)
    {
        var d = device ?? generator?.device ?? Device.CPU;
        Tensor t;
        fixed (long* p = shape) t = Tensor.Wrap(Hx.hx_randint(low, high, p, shape.Length, Generator.HandleOf(generator), (int)dtype, (int)d.type, d.index));
        GC.KeepAlive(generator);
        return t;
    }

    /// <summary>A random permutation of 0..n-1.</summary>
    public static Tensor randperm(long n, Generator? generator = null, ScalarType dtype = int64, Device? device = null)
    {
        var d = device ?? generator?.device ?? Device.CPU;
        var t = Tensor.Wrap(Hx.hx_randperm(n, Generator.HandleOf(generator), (int)dtype, (int)d.type, d.index));
        GC.KeepAlive(generator);
        return t;
    }

    /// <summary>1 with the probability in each element, else 0.</summary>
    public static Tensor bernoulli(Tensor probabilities, Generator? generator = null)
    {
        var t = Tensor.Wrap(Hx.hx_bernoulli(probabilities, Generator.HandleOf(generator)));
        GC.KeepAlive(generator);
        return t;
    }

    /// <summary>A tensor shaped like <paramref name="like"/> of 1 with probability p, else 0.</summary>
    public static Tensor bernoulli(Tensor like, double p, Generator? generator = null)
    {
        var t = Tensor.Wrap(Hx.hx_bernoulli_p(like, p, Generator.HandleOf(generator)));
        GC.KeepAlive(generator);
        return t;
    }

    /// <summary>Indices drawn from the (unnormalised) probabilities of each row.</summary>
    public static Tensor multinomial(Tensor probabilities, long num_samples, bool replacement = false, Generator? generator = null)
    {
        var t = Tensor.Wrap(Hx.hx_multinomial(probabilities, num_samples, replacement ? 1 : 0, Generator.HandleOf(generator)));
        GC.KeepAlive(generator);
        return t;
    }
}
