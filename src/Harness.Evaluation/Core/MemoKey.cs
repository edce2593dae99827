namespace Harness.Evaluation.Core;

/// <summary>
/// What a value in the <see cref="ExampleMemo"/> is: each memoised quantity is a record deriving from this one, owned by
/// the code that computes it, whose fields are every setting the value depends on. Keys are equal exactly when their
/// type and fields are (record equality), so two quantities never share a value and a setting left out of a key is a
/// field missing from its record. Keys are never stored; their string form (the record's) names them in messages.
/// </summary>
public abstract record MemoKey;

/// <summary>A quantity of one cell: <paramref name="Quantity"/> for the context, target, region and sources of <paramref name="Cell"/>
/// (<see cref="Memoised"/>), so a memo handed a second target or prefix of the same example never returns the first one's value.</summary>
public sealed record CellQuantity(MemoKey Quantity, CellKey Cell) : MemoKey;

/// <summary>
/// What every memoised quantity of a cell depends on: the context (64-bit FNV-1a of its ids and its length), the target
/// ids, the attributed region and the sources (FNV-1a of the groups, or "tokens" without sources).
/// </summary>
public readonly record struct CellKey(ulong Context, int ContextLength, string Target, int RegionStart, int RegionLength, string Sources)
{
    /// <summary>The key of <paramref name="input"/>'s cell: context hash and length, target ids, region and sources hash.</summary>
    public static CellKey Of(MetricInput input)
    {
        var (start, length) = (input.Region ?? Range.All).GetOffsetAndLength(input.ContextIds.Count);
        var sources = input.Sources is { } s
            ? Fnv(s.Groups.SelectMany(g => g.Select(p => (long)p).Append(-1))).ToString("x16", System.Globalization.CultureInfo.InvariantCulture)
            : "tokens";
        return new CellKey(Fnv(input.ContextIds), input.ContextIds.Count, string.Join(',', input.Target.Ids), start, length, sources);
    }

    /// <summary>"context=..;target=..;region=..;sources=..".</summary>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"context={Context:x16}+{ContextLength};target={Target};region={RegionStart}+{RegionLength};sources={Sources}");

    /// <summary>64-bit FNV-1a over the values' bytes (stable across processes, unlike GetHashCode).</summary>
    private static ulong Fnv(IEnumerable<long> values)
    {
        var hash = 14695981039346656037UL;
        foreach (var value in values)
            for (var b = 0; b < 8; b++)
            {
                hash ^= (ulong)(value >> (8 * b)) & 0xff;
                hash *= 1099511628211UL;
            }

        return hash;
    }
}
