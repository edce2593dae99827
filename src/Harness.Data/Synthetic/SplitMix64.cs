namespace Harness.Data.Synthetic;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood 2014; the constants of Vigna's reference C code), the generators'
/// only source of randomness. It is integer arithmetic alone, so a seed gives the same sequence on
/// every platform and .NET version (System.Random's seeded algorithm is an implementation detail).
/// Each example draws from its own stream (<see cref="ForExample"/>), so the first n examples of a
/// seed are the same whatever count is asked for.
/// </summary>
public sealed class SplitMix64(ulong seed)
{
    // Source: prng.di.unimi.it/splitmix64.c (the golden-ratio increment and the two multipliers).
    private const ulong Increment = 0x9E3779B97F4A7C15UL;

    private ulong state = seed;

    /// <summary>The stream of example <paramref name="index"/> of <paramref name="seed"/>: a hashed
    /// starting state, so streams of neighbouring indices do not overlap.</summary>
    public static SplitMix64 ForExample(ulong seed, int index) => new(Mix(seed ^ Mix((ulong)index + Increment)));

    /// <summary>The next 64 random bits: the state advanced by the golden-ratio increment, then mixed.</summary>
    public ulong NextUInt64()
    {
        state += Increment;
        return Mix(state);
    }

    /// <summary>A uniform integer in [0, <paramref name="bound"/>), unbiased (rejection of the top
    /// partial block of 2^64).</summary>
    public int Next(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bound);
        var n = (ulong)bound;
        var limit = ulong.MaxValue - ulong.MaxValue % n;
        ulong draw;
        do draw = NextUInt64();
        while (draw >= limit);
        return (int)(draw % n);
    }

    /// <summary>A uniform integer in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public int Between(int min, int max) => min + Next(max - min + 1);

    /// <summary>A fair coin: the top bit of the next draw.</summary>
    public bool NextBool() => (NextUInt64() >> 63) == 1;

    /// <summary>A uniformly drawn element of <paramref name="items"/> (one <see cref="Next"/> call).</summary>
    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary><paramref name="count"/> distinct items in random order (a partial Fisher-Yates shuffle).</summary>
    public IReadOnlyList<T> Sample<T>(IReadOnlyList<T> items, int count)
    {
        if (count > items.Count) throw new ArgumentOutOfRangeException(nameof(count), $"{count} distinct items asked of {items.Count}");
        var pool = items.ToArray();
        for (var i = 0; i < count; i++)
        {
            var j = i + Next(pool.Length - i);
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }

        return pool[..count];
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
