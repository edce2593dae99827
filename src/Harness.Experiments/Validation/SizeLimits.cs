using System.Globalization;
using Harness.Experiments.Schema;

namespace Harness.Experiments.Validation;

/// <summary>
/// Upper bounds on every size a user controls (options of any attributor or metric with these names, a dataset's
/// `sample` and `max_new_tokens`, the run's `batch_size`), so a slip such as `steps: 1e9` fails in validate with the
/// limit named instead of growing until the machine kills the process. Zero and negative sizes are errors too.
/// A limit is raised explicitly with the experiment's top-level `limits: {steps: 20000}`.
/// </summary>
public static class SizeLimits
{
    /// <summary>Option name -> largest value accepted without an explicit `limits` entry; each is far above the papers'
    /// settings (ReAGent 5000 steps, LDS 64 masks, ContextCite 256 ablations, IG 50-300 steps).</summary>
    public static readonly IReadOnlyDictionary<string, long> Defaults = new SortedDictionary<string, long>(StringComparer.Ordinal)
    {
        ["steps"] = 10_000,
        ["max_steps"] = 100_000,
        ["samples"] = 100_000,
        ["permutations"] = 10_000,
        ["masks"] = 100_000,
        ["ablations"] = 100_000,
        ["chains"] = 1_024,
        ["max_new_tokens"] = 4_096,
        ["batch_size"] = 4_096,
        ["sample"] = 1_000_000,
    };

    /// <summary>Reports every size of <paramref name="spec"/> outside [1, limit].</summary>
    public static void Check(ExperimentSpec spec, Action<SourcePosition, string> error)
    {
        var top = new SourcePosition(spec.File, 1, 1);
        foreach (var key in spec.Limits.Keys.Where(k => !Defaults.ContainsKey(k)))
            error(top, $"limits: '{key}' is not a size the harness bounds; known: {string.Join(", ", Defaults.Keys)}");
        long Limit(string key) => spec.Limits.TryGetValue(key, out var raised) ? raised : Defaults[key];

        void Size(string key, double value, SourcePosition at, string owner)
        {
            if (!(value >= 1))
                error(at, FormattableString.Invariant($"{owner}: {key}={value} must be at least 1"));
            else if (value > Limit(key))
                error(at, FormattableString.Invariant(
                    $"{owner}: {key}={value:G} is above the limit {Limit(key)}; if you mean it, raise the limit at the top level: `limits: {{{key}: {value:F0}}}`"));
        }

        void Options(IReadOnlyDictionary<string, string> options, SourcePosition at, string owner)
        {
            foreach (var (key, text) in options)
                if (Defaults.ContainsKey(key) && key != "sample"
                    && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                    Size(key, value, at, owner);
        }

        Size("batch_size", spec.BatchSize, top, "experiment");
        foreach (var dataset in spec.Datasets)
        {
            if (dataset.Sample is { } sample) Size("sample", sample, dataset.Position, $"dataset '{dataset.Name}'");
            Size("max_new_tokens", dataset.MaxNewTokens, dataset.Position, $"dataset '{dataset.Name}'");
        }

        foreach (var attributor in spec.Attributors) Options(attributor.Options, attributor.Position, $"attributor '{attributor.Label}'");
        foreach (var metric in spec.Metrics) Options(metric.Options, metric.Position, $"metric '{metric.Label}'");
    }
}
