using Harness.Torch;

namespace Harness.Models.Formats;

/// <summary>One tensor's header entry in a .safetensors file; offsets are relative to the data
/// section that follows the header.</summary>
public sealed record SafeTensorsEntry(string Name, ScalarType DType, long[] Shape, long Begin, long End)
{
    /// <summary>Number of elements: the product of the shape (1 for a scalar).</summary>
    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);
}
