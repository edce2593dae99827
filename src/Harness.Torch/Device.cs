using System.Globalization;

namespace Harness.Torch;

/// <summary>Where a tensor lives: "cpu" or "cuda:N" (torch.device).</summary>
public readonly record struct Device(DeviceType type, int index)
{
    /// <summary>The CPU.</summary>
    public static readonly Device CPU = new(DeviceType.CPU, 0);

    /// <summary>CUDA device <paramref name="index"/>.</summary>
    public static Device CUDA(int index = 0) => new(DeviceType.CUDA, index);

    /// <summary>Parses "cpu", "cuda" or "cuda:N", as torch.device does.</summary>
    public static Device Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var s = text.Trim().ToLowerInvariant();
        if (s == "cpu") return CPU;
        if (s == "cuda") return CUDA(0);
        if (s.StartsWith("cuda:", StringComparison.Ordinal)
            && int.TryParse(s.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var i))
            return CUDA(i);
        throw new FormatException($"'{text}' is not a device; expected cpu, cuda or cuda:N.");
    }

    /// <summary>"cpu" or "cuda:N", as PyTorch writes devices.</summary>
    public override string ToString() => type == DeviceType.CPU ? "cpu" : $"cuda:{index}";
}
