using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Harness.Evaluation.Core;

/// <summary>
/// The key of one part of a metric's value (<see cref="MetricResult.Parts"/>): a quantity <see cref="Name"/>, the point
/// <see cref="At"/> of a curve it is taken at, and the <see cref="Measure"/> it is reported in when a point has several.
/// Its one string form, which the store's parts_json, the exports and the reports hold, is "[measure ]name[=at]":
/// "s0", "k=3", "pi=0.1", "ss pi=0.1", "f1 k=2", "f1 oracle", "normalized_k=5".
/// </summary>
[JsonConverter(typeof(PartKeyJsonConverter))]
public sealed record PartKey(string Name, double? At = null, string? Measure = null)
{
    /// <summary>The stored form; a point prints with up to four decimals and no exponent (0.1, 0.25, 3).</summary>
    public string Format() =>
        (Measure is null ? "" : Measure + " ") + Name + (At is { } at ? "=" + at.ToString("0.####", CultureInfo.InvariantCulture) : "");

    /// <summary>The key whose stored form is <paramref name="text"/>.</summary>
    /// <exception cref="FormatException">Not a part key: empty pieces, more than one space or '=', or a point that is not a number.</exception>
    public static PartKey Parse(string text)
    {
        var space = text.Split(' ');
        if (space.Length > 2 || space.Any(s => s.Length == 0)) throw Invalid(text);
        var (measure, rest) = space.Length == 2 ? (space[0], space[1]) : (null, space[0]);
        var equals = rest.Split('=');
        if (equals.Length > 2 || equals[0].Length == 0) throw Invalid(text);
        if (equals.Length == 1) return new PartKey(rest, null, measure);
        return double.TryParse(equals[1], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var at)
            ? new PartKey(equals[0], at, measure)
            : throw Invalid(text);
    }

    /// <summary>The stored form (<see cref="Format"/>).</summary>
    public override string ToString() => Format();

    private static FormatException Invalid(string text) => new($"'{text}' is not a metric part key ([measure ]name[=number])");
}

/// <summary>A <see cref="PartKey"/> in JSON, as a value or a parts object's property name: its stored form.</summary>
public sealed class PartKeyJsonConverter : JsonConverter<PartKey>
{
    /// <summary>The key whose stored form is the JSON string (<see cref="PartKey.Parse"/>).</summary>
    public override PartKey Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => PartKey.Parse(reader.GetString()!);

    /// <summary>The key's stored form as a JSON string.</summary>
    public override void Write(Utf8JsonWriter writer, PartKey value, JsonSerializerOptions options) => writer.WriteStringValue(value.Format());

    /// <summary>The key whose stored form is the JSON property name (a parts object's key).</summary>
    public override PartKey ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => PartKey.Parse(reader.GetString()!);

    /// <summary>The key's stored form as a JSON property name.</summary>
    public override void WriteAsPropertyName(Utf8JsonWriter writer, PartKey value, JsonSerializerOptions options) => writer.WritePropertyName(value.Format());
}
