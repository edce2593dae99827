using System.Globalization;
using System.Text.Json;
using Harness.Experiments.Schema;
using Harness.Scoring;

namespace Harness.Experiments.Store;

/// <summary>
/// What defines an experiment's cells, as the run resolved it (paths absolute, command-line overrides applied): per
/// model, dataset, attributor variant (by label) and metric (by label) its settings as text, the seeds and the batch
/// size. Stored with each version of a run's experiment, so `--resume` can tell a grid that only grew from one whose
/// finished cells would no longer be what it describes (<see cref="Running.GridGrowth"/>).
/// </summary>
public sealed record GridDefinition(
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Models,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Datasets,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Attributors,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Metrics,
    IReadOnlyList<ulong> Seeds,
    int BatchSize)
{
    /// <summary>The setting of a metric that says where it applies, not how it is computed.</summary>
    public const string MetricDatasets = "datasets";

    /// <summary>The definition of <paramref name="spec"/> as resolved (paths absolute, overrides applied).</summary>
    public static GridDefinition Of(ExperimentSpec spec) => new(
        spec.Models.ToDictionary(m => m.Name, Settings),
        spec.Datasets.ToDictionary(d => d.Name, Settings),
        spec.Attributors.ToDictionary(a => a.Label, a => Settings(("name", a.Name), a.Options)),
        spec.Metrics.ToDictionary(m => m.Label, m => Settings(("name", m.Name), m.Options, (MetricDatasets, m.Datasets is { } d ? string.Join(",", d) : null))),
        spec.Seeds,
        spec.BatchSize);

    /// <summary>The definition as stored with an experiment version.</summary>
    public string ToJson() => JsonSerializer.Serialize(this);

    /// <summary>A definition read back from <see cref="ToJson"/>'s text; throws on a null one.</summary>
    public static GridDefinition FromJson(string json) => JsonSerializer.Deserialize<GridDefinition>(json)
        ?? throw new InvalidDataException("a stored grid definition is null");

    /// <summary>Every setting that differs, as "key old -> new" (an absent setting reads "unset").</summary>
    public static IReadOnlyList<string> Differences(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after, params string[] ignored) =>
        before.Keys.Union(after.Keys).Where(k => !ignored.Contains(k)).Order(StringComparer.Ordinal)
            .Where(k => before.GetValueOrDefault(k) != after.GetValueOrDefault(k))
            .Select(k => $"{k} {before.GetValueOrDefault(k) ?? "unset"} -> {after.GetValueOrDefault(k) ?? "unset"}")
            .ToList();

    /// <summary>The definition without the models' devices: what every shard of a plan must share (each shard may have its own GPU).</summary>
    public GridDefinition WithoutDevices() => this with
    {
        Models = Models.ToDictionary(m => m.Key, m => (IReadOnlyDictionary<string, string>)new SortedDictionary<string, string>(
            m.Value.Where(s => s.Key != "device").ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal), StringComparer.Ordinal), StringComparer.Ordinal),
    };

    /// <summary>Every difference of <paramref name="other"/> from this, one "kind 'name': key old -> new" each.</summary>
    public IReadOnlyList<string> ChangesTo(GridDefinition other)
    {
        var changes = new List<string>();
        void Entries(string kind, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> before, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> after)
        {
            foreach (var name in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
                if (!before.TryGetValue(name, out var was)) changes.Add($"{kind} '{name}' added");
                else if (!after.TryGetValue(name, out var now)) changes.Add($"{kind} '{name}' removed");
                else changes.AddRange(Differences(was, now).Select(d => $"{kind} '{name}': {d}"));
        }

        Entries("model", Models, other.Models);
        Entries("dataset", Datasets, other.Datasets);
        Entries("attributor", Attributors, other.Attributors);
        Entries("metric", Metrics, other.Metrics);
        if (!Seeds.SequenceEqual(other.Seeds)) changes.Add($"seeds [{string.Join(", ", Seeds)}] -> [{string.Join(", ", other.Seeds)}]");
        if (BatchSize != other.BatchSize) changes.Add($"batch_size {BatchSize} -> {other.BatchSize}");
        return changes;
    }

    /// <summary>Structural equality (the record's own compares the dictionaries by reference).</summary>
    public bool SameAs(GridDefinition other) => ToJson() == other.ToJson();

    private static IReadOnlyDictionary<string, string> Settings(ModelSpec m) =>
        Settings(("path", m.Path), ("dtype", m.DType), ("device", m.Device), ("masked_lm", m.MaskedLm), ("at2_estimator", m.At2Estimator));

    private static IReadOnlyDictionary<string, string> Settings(DatasetSpec d) => Settings(
        ("reader", d.Reader), ("path", d.Path), ("task", d.Task), ("split", d.Split), ("sample", d.Sample?.ToString(CultureInfo.InvariantCulture)),
        ("seed", d.Seed.ToString(CultureInfo.InvariantCulture)), ("target", Snake(d.Target)), ("max_new_tokens", d.MaxNewTokens.ToString(CultureInfo.InvariantCulture)),
        ("stride", d.Stride.ToString(CultureInfo.InvariantCulture)), ("unit", Snake(d.Unit)), ("target_source", Snake(d.TargetSource)),
        ("only_correct", d.OnlyCorrect ? "true" : "false"), ("chat", d.Chat is { } chat ? (chat ? "true" : "false") : null), ("system", d.System),
        ("too_long", Snake(d.TooLong)));

    private static IReadOnlyDictionary<string, string> Settings((string Key, string Value) name, IReadOnlyDictionary<string, string> options,
        params (string Key, string? Value)[] more) =>
        Settings([(name.Key, name.Value), .. options.Select(o => ($"options.{o.Key}", (string?)o.Value)), .. more]);

    /// <summary>The given settings, unset ones left out, in key order (so equal definitions serialise equally).</summary>
    private static IReadOnlyDictionary<string, string> Settings(params (string Key, string? Value)[] settings) =>
        new SortedDictionary<string, string>(settings.Where(s => s.Value is not null).ToDictionary(s => s.Key, s => s.Value!, StringComparer.Ordinal), StringComparer.Ordinal);

    private static string Snake<T>(T value) where T : struct, Enum => Harness.Scoring.OptionBinder.SnakeCase(value.ToString());
}
