using Harness.Torch;

namespace Harness.Models.Architectures.GptJ;

/// <summary>GPT-J's rotary position embedding (Su et al. 2021, as in mesh-transformer-jax): the first
/// rotary_dim features of each head are rotated in interleaved pairs (x0, x1), (x2, x3), ... with
/// angle position * 10000^(-2i / rotary_dim); the remaining features pass through. Llama-style
/// models pair feature i with i + d/2 instead (rotate_half), so the two are not interchangeable.</summary>
internal static class GptJRotary
{
    /// <summary>sin and cos of the angles, each [B, 1, T, R] with every value repeated for the two
    /// features of its pair, for <paramref name="positionIds"/> [B, T].</summary>
    public static (Tensor Sin, Tensor Cos) Angles(Tensor positionIds, long rotaryDim)
    {
        using var scope = torch.NewDisposeScope();
        // Source: create_sinusoidal_positions: inv_freq = 1 / 10000^(arange(0, R, 2) / R), then
        // position * inv_freq, all in float32 (the table rows are exactly these products).
        var exponents = torch.arange(0, rotaryDim, 2, ScalarType.Int64, device: positionIds.device).to(ScalarType.Float32).div(rotaryDim); // [R/2]
        var inverseFrequencies = torch.pow(10000, exponents).reciprocal();                                // [R/2]
        var angles = positionIds.to(ScalarType.Float32).unsqueeze(-1).mul(inverseFrequencies);           // [B, T, R/2]
        // Source: apply_rotary_pos_emb: repeat_interleave(sin, 2) pairs each angle with two features.
        var sin = angles.sin().repeat_interleave(2, -1).unsqueeze(1);                                    // [B, 1, T, R]
        var cos = angles.cos().repeat_interleave(2, -1).unsqueeze(1);                                    // [B, 1, T, R]
        return (sin.MoveToOuterDisposeScope(), cos.MoveToOuterDisposeScope());
    }

    /// <summary>x [B, H, T, Dh] with its first R features rotated; sin, cos [B, 1, T, R].</summary>
    public static Tensor Apply(Tensor x, Tensor sin, Tensor cos)
    {
        var r = sin.size(-1);
        var rotated = x.narrow(-1, 0, r);                                                                  // [B, H, T, R]
        var passed = x.narrow(-1, r, x.size(-1) - r);                                                     // [B, H, T, Dh - R]
        rotated = rotated.mul(cos).add(RotateEveryTwo(rotated).mul(sin));                                  // [B, H, T, R]
        return torch.cat([rotated.to(x.dtype), passed], -1);                                               // [B, H, T, Dh]
    }

    /// <summary>Source: rotate_every_two: (x0, x1, x2, x3, ...) -> (-x1, x0, -x3, x2, ...).</summary>
    private static Tensor RotateEveryTwo(Tensor x)
    {
        var even = x.slice(-1, 0, x.size(-1), 2);                                                          // [..., R/2]
        var odd = x.slice(-1, 1, x.size(-1), 2);                                                           // [..., R/2]
        return torch.stack([odd.neg(), even], -1).flatten(-2);                                            // [..., R]
    }
}
