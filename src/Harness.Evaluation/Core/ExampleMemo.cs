using System.Collections.Concurrent;

namespace Harness.Evaluation.Core;

/// <summary>
/// What the metrics of one example compute that does not depend on the attributor: Q = p(.|x) on the
/// intact input, S0, the N LDS masks and their outputs f(v_i). The runner hands the same memo to every
/// attributor's <see cref="MetricInput"/> of an example, so those forward passes run once per example
/// (metrics issue item 3); without a memo each metric computes them itself. Keys name the quantity and
/// every option it depends on (e.g. "lds/f/remove/logit_prob/64/seed=3").
/// </summary>
public sealed class ExampleMemo
{
    private readonly ConcurrentDictionary<string, object> values = new(StringComparer.Ordinal);

    /// <summary>The value stored under <paramref name="key"/>, computed by <paramref name="compute"/> the
    /// first time (a value of another type under the same key is a programming error and throws).</summary>
    public T GetOrAdd<T>(string key, Func<T> compute) where T : notnull =>
        values.GetOrAdd(key, _ => compute()) is T value
            ? value
            : throw new InvalidOperationException($"the example memo holds '{key}' as another type than {typeof(T).Name}");

    /// <summary>Number of stored quantities (tests check that sharing happens).</summary>
    public int Count => values.Count;
}
