namespace Harness.Torch.Optim;

/// <summary>
/// Adam with decoupled weight decay (Loshchilov &amp; Hutter, "Decoupled Weight Decay
/// Regularization", ICLR 2019, Algorithm 2), step for step as torch.optim.AdamW (amsgrad off):
/// p -= lr*wd*p; m = b1*m + (1-b1)*g; v = b2*v + (1-b2)*g^2;
/// p -= lr/(1-b1^t) * m / (sqrt(v)/sqrt(1-b2^t) + eps).
/// </summary>
public sealed class AdamW : IDisposable
{
    private readonly Tensor[] parameters;
    private readonly Tensor?[] firstMoments;
    private readonly Tensor?[] secondMoments;
    private readonly AdamWOptions options;

    /// <summary>AdamW (Loshchilov and Hutter 2019, decoupled weight decay) over <paramref name="parameters"/>, as PyTorch's torch.optim.AdamW.</summary>
    public AdamW(IEnumerable<Tensor> parameters, AdamWOptions? options = null)
    {
        this.options = options ?? new AdamWOptions();
        this.options.Validate();
        this.parameters = parameters.ToArray();
        foreach (var p in this.parameters)
            if (!p.requires_grad) throw new ArgumentException($"AdamW was given a parameter that does not require gradients ({p}).");
        firstMoments = new Tensor?[this.parameters.Length];
        secondMoments = new Tensor?[this.parameters.Length];
        lr = this.options.LearningRate;
    }

    /// <summary>The learning rate of the next step (a schedule sets it before each step).</summary>
    public double lr { get; set; }

    /// <summary>Steps taken so far (t in the bias corrections).</summary>
    public long StepCount { get; private set; }

    /// <summary>Global gradient norm before clipping at the last step (0 when clipping is off).</summary>
    public double LastGradNorm { get; private set; }

    /// <summary>Updates every parameter that has a gradient.</summary>
    public void step()
    {
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        if (options.MaxGradNorm is { } maxNorm) LastGradNorm = torch.nn.utils.clip_grad_norm_(parameters, maxNorm);
        StepCount++;
        var biasCorrection1 = 1 - Math.Pow(options.Beta1, StepCount);
        var biasCorrection2 = 1 - Math.Pow(options.Beta2, StepCount);
        var stepSize = lr / biasCorrection1;
        var sqrtBiasCorrection2 = Math.Sqrt(biasCorrection2);
        for (var i = 0; i < parameters.Length; i++)
        {
            var p = parameters[i];
            var g = p.grad;
            if (g is null) continue;
            var m = firstMoments[i] ??= torch.zeros_like(p).DetachFromDisposeScope();
            var v = secondMoments[i] ??= torch.zeros_like(p).DetachFromDisposeScope();
            if (options.WeightDecay != 0) p.mul_(1 - lr * options.WeightDecay);
            m.mul_(options.Beta1).add_(g, 1 - options.Beta1);
            v.mul_(options.Beta2).addcmul_(g, g, 1 - options.Beta2);
            var denominator = v.sqrt().div_(sqrtBiasCorrection2).add_(options.Eps);
            p.addcdiv_(m, denominator, -stepSize);
        }
    }

    /// <summary>Forgets every parameter's gradient (set_to_none, PyTorch's default).</summary>
    public void zero_grad()
    {
        foreach (var p in parameters) p.zero_grad();
    }

    /// <summary>Frees the optimizer's moment buffers.</summary>
    public void Dispose()
    {
        foreach (var t in firstMoments) t?.Dispose();
        foreach (var t in secondMoments) t?.Dispose();
    }
}
