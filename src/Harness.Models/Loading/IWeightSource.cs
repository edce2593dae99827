using Harness.Torch;

namespace Harness.Models.Loading;

/// <summary>Where a model's parameters come from while its modules are built: a checkpoint
/// (checked by name and shape) or seeded random values.</summary>
public interface IWeightSource
{
    /// <summary>The tensor called <paramref name="name"/>, which must have <paramref name="shape"/>.</summary>
    Tensor Take(string name, long[] shape, WeightInit init);

    /// <summary>Whether the source holds <paramref name="name"/> (optional tensors, tied weights).</summary>
    bool Has(string name);
}
