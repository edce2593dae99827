namespace Harness.Attribution.Methods;

/// <summary>The interpretable model <see cref="Lime"/> fits to the perturbations.</summary>
public enum LimeSurrogate
{
    /// <summary>Weighted ridge regression (scikit-learn Ridge, default alpha 1.0).</summary>
    Ridge,

    /// <summary>Weighted Lasso (Captum's SkLearnLasso, default alpha 0.01).</summary>
    Lasso,
}
