using Harness.Torch;

namespace Harness.Models.Formats;

/// <summary>The dtype names of the safetensors header and the dtypes they stand for.</summary>
internal static class SafeTensorsDType
{
    private static readonly (string Name, ScalarType Type)[] Table =
    [
        ("F32", ScalarType.Float32), ("F16", ScalarType.Float16), ("BF16", ScalarType.BFloat16), ("F64", ScalarType.Float64),
        ("I64", ScalarType.Int64), ("I32", ScalarType.Int32), ("I16", ScalarType.Int16), ("I8", ScalarType.Int8),
        ("U8", ScalarType.UInt8), ("BOOL", ScalarType.Bool),
    ];

    public static string Supported => string.Join(", ", Table.Select(t => t.Name));

    public static ScalarType? Parse(string name) => Table.Where(t => t.Name == name).Select(t => (ScalarType?)t.Type).FirstOrDefault();

    public static string NameOf(ScalarType type) => Table.First(t => t.Type == type).Name;
}
