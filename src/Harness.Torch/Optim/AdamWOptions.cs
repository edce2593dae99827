namespace Harness.Torch.Optim;

/// <summary>Hyper-parameters of <see cref="AdamW"/>. Defaults: torch.optim.AdamW's.</summary>
public sealed record AdamWOptions
{
    /// <summary>Step size lr (PyTorch default).</summary>
    public double LearningRate { get; init; } = 1e-3;
    /// <summary>Decay of the first-moment estimate (PyTorch default).</summary>
    public double Beta1 { get; init; } = 0.9;
    /// <summary>Decay of the second-moment estimate (PyTorch default).</summary>
    public double Beta2 { get; init; } = 0.999;
    /// <summary>Added to the denominator for stability (PyTorch default).</summary>
    public double Eps { get; init; } = 1e-8;
    /// <summary>Decoupled weight decay: each step multiplies a parameter by 1 - lr·wd (PyTorch default).</summary>
    public double WeightDecay { get; init; } = 1e-2;

    /// <summary>When set, gradients are scaled so their global L2 norm is at most this before each step.</summary>
    public double? MaxGradNorm { get; init; }

    internal void Validate()
    {
        if (!(LearningRate >= 0)) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "must be >= 0");
        if (!(Beta1 is >= 0 and < 1)) throw new ArgumentOutOfRangeException(nameof(Beta1), Beta1, "must be in [0, 1)");
        if (!(Beta2 is >= 0 and < 1)) throw new ArgumentOutOfRangeException(nameof(Beta2), Beta2, "must be in [0, 1)");
        if (!(Eps >= 0)) throw new ArgumentOutOfRangeException(nameof(Eps), Eps, "must be >= 0");
        if (!(WeightDecay >= 0)) throw new ArgumentOutOfRangeException(nameof(WeightDecay), WeightDecay, "must be >= 0");
        if (MaxGradNorm is { } m && !(m > 0)) throw new ArgumentOutOfRangeException(nameof(MaxGradNorm), m, "must be > 0");
    }
}
