namespace Harness.Torch;

/// <summary>Element types; the values are c10::ScalarType's, so they cross the shim unchanged.</summary>
public enum ScalarType
{
    /// <summary>8-bit unsigned integer (torch.uint8).</summary>
    UInt8 = 0,
    /// <summary>8-bit signed integer (torch.int8).</summary>
    Int8 = 1,
    /// <summary>16-bit signed integer (torch.int16).</summary>
    Int16 = 2,
    /// <summary>32-bit signed integer (torch.int32).</summary>
    Int32 = 3,
    /// <summary>64-bit signed integer (torch.int64).</summary>
    Int64 = 4,
    /// <summary>16-bit IEEE half (torch.float16).</summary>
    Float16 = 5,
    /// <summary>32-bit float (torch.float32).</summary>
    Float32 = 6,
    /// <summary>64-bit float (torch.float64).</summary>
    Float64 = 7,
    /// <summary>Boolean (torch.bool).</summary>
    Bool = 11,
    /// <summary>16-bit brain float (torch.bfloat16).</summary>
    BFloat16 = 15,
}
