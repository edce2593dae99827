namespace Harness.Models.Loading;

/// <summary>How a random weight source fills a tensor (files ignore it).</summary>
public enum WeightInit
{
    /// <summary>N(0, std^2), std from the config's initializer_range.</summary>
    Normal,
    /// <summary>All zeros (biases).</summary>
    Zeros,
    /// <summary>All ones (norm weights).</summary>
    Ones,
}
