namespace Harness.Scoring;

/// <summary>
/// numpy's legacy <c>np.random.RandomState(seed)</c>: MT19937 seeded as an integer seed seeds it (mt19937_seed, the
/// reference init_genrand) and its 53-bit doubles (mt19937_next_double: (a &gt;&gt; 5) * 2^26 + (b &gt;&gt; 6), over 2^53),
/// for the draws reference code makes with it: ContextCite's and AT2's ablation masks (context_cite/utils.py
/// _create_mask, at2/tasks/base.py create_mask: <c>RandomState(seed).choice([False, True], size=n, p=[1 - alpha, alpha])</c>)
/// and Captum GradientShap's interpolation points (<c>np.random.uniform(0, 1, n)</c> after <c>np.random.seed(seed)</c>).
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

    /// <summary>The generator <c>np.random.seed(seed)</c> leaves, for a seed of any width: numpy takes seeds below 2^32,
    /// so a wider one seeds it with its low 32 bits.</summary>
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
