namespace Harness.Models.Tokenization.Models;

/// <summary>
/// Hashes a (left id, right id) pair packed in a long. long's own hash XORs the halves, so pairs
/// of similar ids collide massively; a multiplicative (Fibonacci) hash spreads them.
/// </summary>
internal sealed class PairKeyComparer : IEqualityComparer<long>
{
    public static readonly PairKeyComparer Instance = new();

    public bool Equals(long x, long y) => x == y;

    public int GetHashCode(long key) => (int)((ulong)(key * unchecked((long)0x9E3779B97F4A7C15UL)) >> 32);
}
