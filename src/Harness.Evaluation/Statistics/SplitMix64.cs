namespace Harness.Evaluation.Statistics;

/// <summary>SplitMix64 (Steele, Lea and Flood 2014): a tiny PRNG whose sequence is fixed by its
/// definition, so bootstrap and permutation draws stay the same across .NET versions and platforms
/// (System.Random's algorithm is not guaranteed to).</summary>
public sealed class SplitMix64(ulong seed)
{
    private ulong state = seed;

    public ulong NextUInt64()
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, n), without modulo bias (Lemire's rejection on the 128-bit product).</summary>
    public int NextInt(int n)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), n, "the range must hold at least one value");
        var bound = (ulong)n;
        var threshold = (0UL - bound) % bound;
        while (true)
        {
            var product = (UInt128)NextUInt64() * bound;
            if ((ulong)product >= threshold) return (int)(product >> 64);
        }
    }

    /// <summary>A fair coin.</summary>
    public bool NextBool() => (NextUInt64() >> 63) == 1;
}
