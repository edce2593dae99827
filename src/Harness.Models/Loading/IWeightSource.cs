using Harness.Torch;

namespace Harness.Models.Loading;

/// <summary>Where a model's parameters come from while its modules are built: a checkpoint
/// (checked by name and shape) or seeded random values.</summary>
public interface IWeightSource
{
    /// <summary>The tensor called <paramref name="name"/>, which must have <paramref name="shape"/>.</summary>
    Tensor Take(string name, long[] shape, WeightInit init);

    /// <summary>The 2-D tensor <paramref name="name"/>, stored as <paramref name="shape"/> [r, c], transposed to a
    /// contiguous [c, r] (a Conv1D weight, stored [in, out], computed with as [out, in]). A checkpoint reads it
    /// transposed in its one copy from the file; this default takes it as stored, then transposes.</summary>
    Tensor TakeTransposed(string name, long[] shape, WeightInit init)
    {
        using var scope = torch.NewDisposeScope();
        return Take(name, shape, init).t().contiguous().MoveToOuterDisposeScope();
    }

    /// <summary>Whether the source holds <paramref name="name"/> (optional tensors, tied weights).</summary>
    bool Has(string name);
}
