using System.Text.Json;
using System.Text.Json.Serialization;

namespace Harness.Evaluation.Core;

/// <summary>
/// A flag on a metric value that keeps it out of every average (spec/metrics.md section 8): "nan_scores",
/// "degenerate_s0", ... Each metric names its own as static fields; a metric outside the harness may add more. Its one
/// string form is <see cref="Name"/>; a value's flags are stored joined by commas (metric_values.flags, the CSV export),
/// so a name never holds one.
/// </summary>
[JsonConverter(typeof(MetricFlagJsonConverter))]
public sealed record MetricFlag
{
    /// <summary>The flag called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">An empty name, or one holding <see cref="Separator"/>.</exception>
    public MetricFlag(string name)
    {
        if (name.Length == 0 || name.Contains(Separator, StringComparison.Ordinal))
            throw new ArgumentException($"'{name}' cannot be a metric flag: it must be non-empty and hold no '{Separator}'", nameof(name));
        Name = name;
    }

    /// <summary>Between the flags of one value in their stored form.</summary>
    public const string Separator = ",";

    /// <summary>The flag's stored form, e.g. "degenerate_s0".</summary>
    public string Name { get; }

    /// <summary>The stored form of a value's flags, in order: "nan_scores" or "metric_error,the message" or "".</summary>
    public static string Format(IEnumerable<MetricFlag> flags) => string.Join(Separator, flags.Select(f => f.Name));

    /// <summary>A value's flags from their stored form (<see cref="Format"/>).</summary>
    public static IReadOnlyList<MetricFlag> ParseAll(string stored) =>
        stored.Split(Separator, StringSplitOptions.RemoveEmptyEntries).Select(name => new MetricFlag(name)).ToList();

    /// <summary>The <see cref="Name"/>.</summary>
    public override string ToString() => Name;
}

/// <summary>A <see cref="MetricFlag"/> in JSON: its name.</summary>
public sealed class MetricFlagJsonConverter : JsonConverter<MetricFlag>
{
    /// <summary>The flag named by the JSON string.</summary>
    public override MetricFlag Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => new(reader.GetString()!);

    /// <summary>The flag's name as a JSON string.</summary>
    public override void Write(Utf8JsonWriter writer, MetricFlag value, JsonSerializerOptions options) => writer.WriteStringValue(value.Name);
}
