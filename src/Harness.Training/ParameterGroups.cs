using Harness.Torch;
using Harness.Torch.NN;
using Harness.Torch.Optim;

namespace Harness.Training;

/// <summary>
/// AdamW over a module with weight decay on matrices only (embeddings and projections), not on
/// biases and LayerNorm gains: nanoGPT's configure_optimizers (decay iff p.dim() >= 2). Gradients
/// are clipped once over all parameters before either group steps, so the norm is the global one.
/// </summary>
internal sealed class ParameterGroups : IDisposable
{
    private readonly Tensor[] all;
    private readonly AdamW decayed;
    private readonly AdamW undecayed;
    private readonly double maxGradNorm;

    public ParameterGroups(Module module, TinyTrainingOptions options)
    {
        all = module.parameters().ToArray();
        maxGradNorm = options.MaxGradNorm;
        var adam = new AdamWOptions { LearningRate = options.LearningRate, Beta2 = options.Beta2, WeightDecay = options.WeightDecay };
        decayed = new AdamW(all.Where(p => p.dim() >= 2), adam);
        undecayed = new AdamW(all.Where(p => p.dim() < 2), adam with { WeightDecay = 0 });
    }

    /// <summary>The number of parameter values (a tied matrix counted once).</summary>
    public long Count => all.Sum(p => p.numel());

    /// <summary>Clips, then steps both groups at <paramref name="learningRate"/>; returns the gradient norm before clipping.</summary>
    public double Step(double learningRate)
    {
        var norm = torch.nn.utils.clip_grad_norm_(all, maxGradNorm);
        decayed.lr = undecayed.lr = learningRate;
        decayed.step();
        undecayed.step();
        return norm;
    }

    public void ZeroGrad()
    {
        decayed.zero_grad();
        undecayed.zero_grad();
    }

    public void Dispose()
    {
        decayed.Dispose();
        undecayed.Dispose();
    }
}
