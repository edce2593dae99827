using System.Text.Json;
using Harness.Data.Examples;

namespace Harness.Data.Readers;

/// <summary>One parsed line of a JSONL file with typed field access: a missing field or a value of
/// the wrong type fails as a <see cref="DatasetFormatException"/> naming the file, the 1-based line,
/// the field and what was expected.</summary>
internal sealed class JsonlRow(string path, int line, JsonElement root)
{
    public string Path { get; } = path;

    /// <summary>1-based line number in <see cref="Path"/>.</summary>
    public int Line { get; } = line;

    /// <summary>The error for this row: "file:line: message".</summary>
    public DatasetFormatException Error(string message) => new($"{Path}:{Line}: {message}");

    public string String(string field) => StringAt(Field(field, "a string"), field);

    /// <summary>A string field that may be JSON null (it must still be present).</summary>
    public string? NullableString(string field)
    {
        var value = Field(field, "a string or null");
        return value.ValueKind == JsonValueKind.Null ? null : StringAt(value, field);
    }

    public int Int(string field) => IntAt(Field(field, "an integer"), field);

    /// <summary>The row's field names in file order (a reader with a fixed schema rejects the ones it does not know).</summary>
    public IReadOnlyList<string> FieldNames => root.EnumerateObject().Select(p => p.Name).ToList();

    /// <summary>An optional field's value; null when it is absent or JSON null.</summary>
    public JsonElement? Optional(string field) =>
        root.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public bool Bool(string field)
    {
        var value = Field(field, "true or false");
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Expected(field, "true or false", value),
        };
    }

    /// <summary>A [start, end) character span given as a two-integer array.</summary>
    public CharSpan Span(string field) => SpanAt(Field(field, "a [start, end] pair"), field);

    public IReadOnlyList<CharSpan> Spans(string field) =>
        Items(field, "a list of [start, end] pairs").Select((item, i) => SpanAt(item, $"{field}[{i}]")).ToList();

    public IReadOnlyList<string> Strings(string field) =>
        Items(field, "a list of strings").Select((item, i) => StringAt(item, $"{field}[{i}]")).ToList();

    /// <summary>The elements of an array field, for nested layouts the reader walks itself with the
    /// *At helpers (<paramref name="expected"/> describes the array in the error message).</summary>
    public IReadOnlyList<JsonElement> Items(string field, string expected) => ItemsAt(Field(field, expected), field, expected);

    public IReadOnlyList<JsonElement> ItemsAt(JsonElement value, string where, string expected) =>
        value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToList() : throw Expected(where, expected, value);

    public string StringAt(JsonElement value, string where) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Expected(where, "a string", value);

    public int IntAt(JsonElement value, string where) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : throw Expected(where, "an integer", value);

    /// <summary>A [start, end) span given as a two-integer array (see <see cref="Span"/>), for nested values.</summary>
    public CharSpan SpanAt(JsonElement value, string where)
    {
        var pair = ItemsAt(value, where, "a [start, end] pair");
        if (pair.Count != 2) throw Error($"{where}: expected a [start, end] pair, found {pair.Count} numbers");
        var span = new CharSpan(IntAt(pair[0], $"{where}[0]"), IntAt(pair[1], $"{where}[1]"));
        return span.Start >= 0 && span.End >= span.Start ? span : throw Error($"{where}: expected 0 <= start <= end, found {span}");
    }

    private JsonElement Field(string field, string expected) =>
        root.TryGetProperty(field, out var value) ? value : throw Error($"missing field '{field}' ({expected})");

    /// <summary>The error "where: expected X, found Y" (Y: the JSON kind and its start).</summary>
    public DatasetFormatException Expected(string where, string expected, JsonElement found) =>
        Error($"{where}: expected {expected}, found {Describe(found)}");

    private static string Describe(JsonElement value)
    {
        var raw = value.GetRawText();
        return $"{value.ValueKind.ToString().ToLowerInvariant()} {(raw.Length > 40 ? raw[..40] + "..." : raw)}";
    }
}
