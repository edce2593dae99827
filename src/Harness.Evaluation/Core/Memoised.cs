namespace Harness.Evaluation.Core;

/// <summary>
/// Attributor-independent quantities through the input's <see cref="ExampleMemo"/>: the quantity's key (<see cref="MemoKey"/>,
/// with every option it depends on) scoped to the cell it belongs to (<see cref="CellKey"/>: the context, the target
/// ids, the region and the sources), so a memo that is handed a second target or prefix of the same example never
/// returns the first one's value. Without a memo the quantity is computed.
/// </summary>
public static class Memoised
{
    /// <summary>The value of <paramref name="quantity"/> for <paramref name="input"/>'s cell: from the memo when an
    /// earlier attributor or metric computed it, else <paramref name="compute"/>d (and stored when there is a memo).</summary>
    public static T Get<T>(MetricInput input, MemoKey quantity, Func<T> compute) where T : notnull =>
        input.Memo is { } memo ? memo.GetOrAdd(new CellQuantity(quantity, CellKey.Of(input)), compute) : compute();

    /// <summary>The value of <paramref name="quantity"/> for <paramref name="input"/>'s cell when the input's memo already
    /// holds it (a pack need not compute again what an earlier attributor or metric of the example did).</summary>
    public static bool TryGet<T>(MetricInput input, MemoKey quantity, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out T value) where T : notnull
    {
        if (input.Memo is { } memo) return memo.TryGet(new CellQuantity(quantity, CellKey.Of(input)), out value);
        value = default;
        return false;
    }
}
