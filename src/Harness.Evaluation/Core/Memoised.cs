using System.Globalization;

namespace Harness.Evaluation.Core;

/// <summary>
/// Attributor-independent quantities through the input's <see cref="ExampleMemo"/>: the key is the
/// quantity's name (with every option it depends on) followed by the cell it belongs to (a hash of the
/// context, the target ids, the region and the sources), so a memo that is handed a second target or
/// prefix of the same example never returns the first one's value. Without a memo the quantity is computed.
/// </summary>
public static class Memoised
{
    public static T Get<T>(MetricInput input, string quantity, Func<T> compute) where T : notnull =>
        input.Memo is { } memo ? memo.GetOrAdd(quantity + "|" + CellKey(input), compute) : compute();

    /// <summary>"context=..;target=..;region=..;sources=..": what every memoised quantity depends on.</summary>
    public static string CellKey(MetricInput input)
    {
        var (start, length) = (input.Region ?? Range.All).GetOffsetAndLength(input.ContextIds.Count);
        var sources = input.Sources is { } s ? Fnv(s.Groups.SelectMany(g => g.Select(p => (long)p).Append(-1))).ToString("x16", CultureInfo.InvariantCulture) : "tokens";
        return string.Create(CultureInfo.InvariantCulture,
            $"context={Fnv(input.ContextIds):x16}+{input.ContextIds.Count};target={string.Join(',', input.Target.Ids)};region={start}+{length};sources={sources}");
    }

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
