using System.Collections.Concurrent;

namespace Harness.Evaluation.Core;

/// <summary>
/// What the metrics of one example compute that does not depend on the attributor: Q = p(.|x) on the
/// intact input, S0, the N LDS masks and their outputs f(v_i). The runner hands the same memo to every
/// attributor's <see cref="MetricInput"/> of an example, so those forward passes run once per example
/// (metrics issue item 3; an LDS pack may score a memoised example's masks again, uncounted, so that its packmates' passes
/// hold the same rows); without a memo each metric computes them itself. Keys are typed (<see cref="MemoKey"/>):
/// the quantity and every option it depends on.
/// </summary>
public sealed class ExampleMemo
{
    private readonly ConcurrentDictionary<MemoKey, object> values = new();

    /// <summary>The value stored under <paramref name="key"/>, computed by <paramref name="compute"/> the
    /// first time (a value of another type under the same key is a programming error and throws).</summary>
    public T GetOrAdd<T>(MemoKey key, Func<T> compute) where T : notnull =>
        values.GetOrAdd(key, _ => compute()) is T value
            ? value
            : throw new InvalidOperationException($"the example memo holds '{key}' as another type than {typeof(T).Name}");

    /// <summary>The value stored under <paramref name="key"/>, if an earlier call computed it.</summary>
    public bool TryGet<T>(MemoKey key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out T value) where T : notnull
    {
        if (values.TryGetValue(key, out var stored))
        {
            value = stored is T typed ? typed : throw new InvalidOperationException($"the example memo holds '{key}' as another type than {typeof(T).Name}");
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>Number of stored quantities (tests check that sharing happens).</summary>
    public int Count => values.Count;
}
