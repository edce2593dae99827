namespace Harness.Scoring;

/// <summary>
/// numpy's legacy <c>np.random.RandomState(seed)</c>: MT19937 seeded as an integer seed seeds it (mt19937_seed, the
/// reference init_genrand) and its 53-bit doubles (mt19937_next_double: (a &gt;&gt; 5) * 2^26 + (b &gt;&gt; 6), over 2^53),
/// for the draws reference code makes with it: ContextCite's and AT2's ablation masks (context_cite/utils.py
/// _create_mask, at2/tasks/base.py create_mask: <c>RandomState(seed).choice([False, True], size=n, p=[1 - alpha, alpha])</c>)
/// Captum GradientShap's interpolation points (<c>np.random.uniform(0, 1, n)</c> after <c>np.random.seed(seed)</c>) and
/// AT2's training batches (<c>np.random.choice(examples, batch_size, replace=False)</c>, then <c>np.random.randint</c> per
/// example for its target).
/// </summary>
public sealed class NumpyRandomState
{
    private const int N = 624;
    private const int M = 397;
    private readonly uint[] state = new uint[N];
    private int position;

    /// <summary>The generator <c>RandomState(seed)</c> makes.</summary>
    public NumpyRandomState(uint seed)
    {
        state[0] = seed;
        for (var i = 1; i < N; i++) state[i] = unchecked(1812433253u * (state[i - 1] ^ (state[i - 1] >> 30)) + (uint)i);
        position = N;
    }

    /// <summary>The next 32-bit output (MT19937's tempered word).</summary>
    public uint NextUInt32()
    {
        if (position >= N) Twist();
        var y = state[position++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680u;
        y ^= (y << 15) & 0xefc60000u;
        return y ^ (y >> 18);
    }

    /// <summary>One <c>random_sample()</c>: a double in [0, 1) from two 32-bit outputs.</summary>
    public double RandomSample()
    {
        var a = NextUInt32() >> 5;
        var b = NextUInt32() >> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /// <summary><c>uniform(0, 1, n)</c>: low + (high - low) * random_sample() per draw, so the samples themselves.</summary>
    public double[] Uniform(int n) => Enumerable.Range(0, n).Select(_ => RandomSample()).ToArray();

    /// <summary>An integer in [0, <paramref name="max"/>] as numpy's random_interval (and legacy <c>randint(max + 1)</c>)
    /// draws it: 32-bit outputs masked to the bits <paramref name="max"/> spans, rejected while above it; nothing is
    /// drawn for max 0.</summary>
    public uint Interval(uint max)
    {
        if (max == 0) return 0;
        var mask = max;
        for (var shift = 1; shift < 32; shift <<= 1) mask |= mask >> shift;
        uint value;
        while ((value = NextUInt32() & mask) > max) { }
        return value;
    }

    /// <summary><c>randint(high)</c>: an integer in [0, high).</summary>
    public int RandInt(int high) =>
        high >= 1 ? (int)Interval((uint)(high - 1)) : throw new ArgumentOutOfRangeException(nameof(high), high, "randint needs high >= 1");

    /// <summary><c>permutation(n)</c>: arange(n) shuffled as legacy shuffle does (Fisher-Yates from the last position,
    /// j = random_interval(i)); <c>choice(n, k, replace=False)</c> is its first k entries (AT2's _sample_batch).</summary>
    public int[] Permutation(int n)
    {
        var values = Enumerable.Range(0, n).ToArray();
        for (var i = n - 1; i >= 1; i--)
        {
            var j = (int)Interval((uint)i);
            (values[i], values[j]) = (values[j], values[i]);
        }

        return values;
    }

    /// <summary>The generator <c>np.random.seed(seed)</c> leaves. numpy refuses seeds of 2^32 and above (np.random.seed
    /// raises); the harness seeds its generator with their low 32 bits instead, so only seeds below 2^32 draw what
    /// numpy draws.</summary>
    public static NumpyRandomState Seeded(ulong seed) => new((uint)(seed & uint.MaxValue));

    /// <summary><c>choice([False, True], size=n, p=[1 - keep, keep])</c>: numpy normalises the cumulative sum of p and
    /// takes searchsorted(u, side='right') of one random_sample per draw, so a draw is True when u &gt;= cdf[0].</summary>
    public bool[] ChooseKept(int n, double keep)
    {
        var drop = 1 - keep;
        var threshold = drop / (drop + keep);
        var kept = new bool[n];
        for (var i = 0; i < n; i++) kept[i] = RandomSample() >= threshold;
        return kept;
    }

    /// <summary>ContextCite's and AT2's ablation masks: mask i of <paramref name="count"/> is
    /// <c>RandomState(baseSeed + i).choice([False, True], size=n, p=[1 - keep, keep])</c>, True where the source is kept.</summary>
    public static List<bool[]> AblationMasks(int count, int n, double keep, uint baseSeed = 0) =>
        Enumerable.Range(0, count).Select(i => new NumpyRandomState(unchecked(baseSeed + (uint)i)).ChooseKept(n, keep)).ToList();

    private void Twist()
    {
        for (var i = 0; i < N; i++)
        {
            var y = (state[i] & 0x80000000u) | (state[(i + 1) % N] & 0x7fffffffu);
            state[i] = state[(i + M) % N] ^ (y >> 1) ^ ((y & 1u) != 0 ? 0x9908b0dfu : 0u);
        }

        position = 0;
    }
}
