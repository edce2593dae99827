using System.Globalization;
using System.Text;

namespace Harness.Models.Chat.Jinja;

/// <summary>Jinja's undefined value: empty when printed or iterated, false when tested, an error when used further.</summary>
internal sealed class Undefined
{
    public Undefined(string name) => Name = name;

    public string Name { get; }
}

/// <summary>The object <c>namespace(...)</c> returns: attributes that `set ns.attr = ...` may change from inside loops.</summary>
internal sealed class Namespace : Dictionary<string, object?>
{
    public Namespace() : base(StringComparer.Ordinal) { }
}

/// <summary>A Python tuple: a list that prints with parentheses (dict items, `(a, b)` literals).</summary>
internal sealed class PyTuple(IEnumerable<object?> items) : List<object?>(items);

/// <summary>A function a template may call (globals and bound methods).</summary>
internal delegate object? JinjaCallable(IReadOnlyList<object?> arguments, IReadOnlyDictionary<string, object?> keywords);

/// <summary>
/// Python's semantics for the values a template sees (None, bool, int, float, str, list, dict), as Jinja
/// inherits them: truthiness, str() and repr() for output, ==, ordering, and json.dumps for tojson.
/// </summary>
internal static class PyValue
{
    public static bool Truthy(object? value) => value switch
    {
        null or Undefined => false,
        bool b => b,
        long i => i != 0,
        double d => d != 0,
        string s => s.Length > 0,
        List<object?> list => list.Count > 0,
        Dictionary<string, object?> dict => dict.Count > 0,
        _ => true,
    };

    /// <summary>str(value): what `{{ value }}` prints.</summary>
    public static string Str(object? value) => value switch
    {
        Undefined => "",
        string s => s,
        _ => Repr(value),
    };

    public static string Repr(object? value) => value switch
    {
        null => "None",
        Undefined => "",
        bool b => b ? "True" : "False",
        long i => i.ToString(CultureInfo.InvariantCulture),
        double d => FloatRepr(d),
        string s => StringRepr(s),
        PyTuple tuple => "(" + string.Join(", ", tuple.Select(Repr)) + (tuple.Count == 1 ? ",)" : ")"),
        List<object?> list => "[" + string.Join(", ", list.Select(Repr)) + "]",
        Dictionary<string, object?> dict => "{" + string.Join(", ", dict.Select(kv => StringRepr(kv.Key) + ": " + Repr(kv.Value))) + "}",
        _ => value.ToString() ?? "",
    };

    /// <summary>Python's float repr: the shortest round-trip digits, fixed notation for exponents -4..15,
    /// scientific (1e+16, 1.5e-05) otherwise, and always a '.0' on whole numbers.</summary>
    public static string FloatRepr(double d)
    {
        if (double.IsNaN(d)) return "nan";
        if (double.IsInfinity(d)) return d > 0 ? "inf" : "-inf";
        if (d == 0) return double.IsNegative(d) ? "-0.0" : "0.0";
        var r = Math.Abs(d).ToString("R", CultureInfo.InvariantCulture);
        var e = r.IndexOf('E', StringComparison.Ordinal);
        var mantissa = e < 0 ? r : r[..e];
        var exponent = e < 0 ? 0 : int.Parse(r[(e + 1)..], CultureInfo.InvariantCulture);
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = mantissa.Replace(".", "", StringComparison.Ordinal);
        var pointPosition = (point < 0 ? mantissa.Length : point) + exponent;
        var leadingZeros = digits.Length - digits.TrimStart('0').Length;
        digits = digits.TrimStart('0');
        pointPosition -= leadingZeros;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0) digits = "0";
        var scientific = pointPosition - 1;
        string text;
        if (scientific is >= -4 and < 16)
        {
            if (pointPosition <= 0) text = "0." + new string('0', -pointPosition) + digits;
            else if (pointPosition >= digits.Length) text = digits + new string('0', pointPosition - digits.Length) + ".0";
            else text = digits[..pointPosition] + "." + digits[pointPosition..];
        }
        else
        {
            text = digits[..1] + (digits.Length > 1 ? "." + digits[1..] : "") + "e" + (scientific < 0 ? "-" : "+")
                + Math.Abs(scientific).ToString("00", CultureInfo.InvariantCulture);
        }
        return d < 0 ? "-" + text : text;
    }

    /// <summary>Python's repr of a string (Jinja prints lists and dicts of strings with it).</summary>
    private static string StringRepr(string s) => PythonText.Repr(s);

    public static new bool Equals(object? a, object? b)
    {
        if (a is Undefined || b is Undefined) return a is Undefined && b is Undefined;
        if (IsNumber(a) && IsNumber(b)) return ToDouble(a) == ToDouble(b);
        return (a, b) switch
        {
            (null, null) => true,
            (string x, string y) => string.Equals(x, y, StringComparison.Ordinal),
            (List<object?> x, List<object?> y) => x.Count == y.Count && x.Zip(y).All(p => Equals(p.First, p.Second)),
            (Dictionary<string, object?> x, Dictionary<string, object?> y) =>
                x.Count == y.Count && x.All(kv => y.TryGetValue(kv.Key, out var other) && Equals(kv.Value, other)),
            _ => false,
        };
    }

    public static int Compare(object? a, object? b, int line)
    {
        if (IsNumber(a) && IsNumber(b)) return ToDouble(a).CompareTo(ToDouble(b));
        if (a is string x && b is string y) return string.CompareOrdinal(x, y);
        throw new JinjaException(line, $"cannot order {TypeName(a)} and {TypeName(b)}");
    }

    /// <summary>bool counts as a number, as in Python (True == 1).</summary>
    public static bool IsNumber(object? value) => value is long or double or bool;

    public static double ToDouble(object? value) => value switch
    {
        long i => i,
        double d => d,
        bool b => b ? 1 : 0,
        _ => throw new InvalidOperationException("not a number"),
    };

    public static string TypeName(object? value) => value switch
    {
        null => "NoneType",
        Undefined u => $"undefined '{u.Name}'",
        bool => "bool",
        long => "int",
        double => "float",
        string => "str",
        List<object?> => "list",
        Namespace => "Namespace",
        Dictionary<string, object?> => "dict",
        JinjaCallable => "function",
        _ => value.GetType().Name,
    };

    /// <summary>json.dumps(value, ensure_ascii=False, indent=indent, separators=separators, sort_keys=sortKeys),
    /// the tojson transformers registers (chat_template_utils.py).</summary>
    public static string ToJson(object? value, int? indent, (string Item, string Key)? separators, bool sortKeys, int line)
    {
        var (item, key) = separators ?? (indent is null ? (", ", ": ") : (",", ": "));
        var builder = new StringBuilder();
        WriteJson(builder, value, indent, item, key, sortKeys, 0, line);
        return builder.ToString();
    }

    private static void WriteJson(StringBuilder builder, object? value, int? indent, string item, string key, bool sortKeys, int depth, int line)
    {
        switch (value)
        {
            case null: builder.Append("null"); return;
            case bool b: builder.Append(b ? "true" : "false"); return;
            case long i: builder.Append(i.ToString(CultureInfo.InvariantCulture)); return;
            case double d:
                builder.Append(double.IsNaN(d) ? "NaN" : double.IsInfinity(d) ? (d > 0 ? "Infinity" : "-Infinity") : FloatRepr(d));
                return;
            case string s: WriteJsonString(builder, s); return;
            case List<object?> list:
                WriteJsonContainer(builder, '[', ']', list.Count, indent, item, depth, (i, d) => WriteJson(builder, list[i], indent, item, key, sortKeys, d, line));
                return;
            case Dictionary<string, object?> dict:
                var entries = sortKeys ? dict.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList() : dict.ToList();
                WriteJsonContainer(builder, '{', '}', entries.Count, indent, item, depth, (i, d) =>
                {
                    WriteJsonString(builder, entries[i].Key);
                    builder.Append(key);
                    WriteJson(builder, entries[i].Value, indent, item, key, sortKeys, d, line);
                });
                return;
            default:
                throw new JinjaException(line, $"tojson: {TypeName(value)} is not JSON serializable");
        }
    }

    private static void WriteJsonContainer(StringBuilder builder, char open, char close, int count, int? indent, string item, int depth, Action<int, int> writeItem)
    {
        builder.Append(open);
        if (count == 0) { builder.Append(close); return; }
        for (var i = 0; i < count; i++)
        {
            if (i > 0) builder.Append(item);
            if (indent is { } n) builder.Append('\n').Append(' ', n * (depth + 1));
            writeItem(i, depth + 1);
        }
        if (indent is { } m) builder.Append('\n').Append(' ', m * depth);
        builder.Append(close);
    }

    private static void WriteJsonString(StringBuilder builder, string s)
    {
        builder.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                default:
                    if (c < 0x20) builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else builder.Append(c);
                    break;
            }
        }
        builder.Append('"');
    }

    /// <summary>Converts plain .NET values (records of messages, JSON, dictionaries) into the template's value model.</summary>
    public static object? FromClr(object? value) => value switch
    {
        null or bool or long or double or string or Undefined or JinjaCallable or Namespace => value,
        int i => (long)i,
        float f => (double)f,
        Dictionary<string, object?> dict => dict,
        System.Text.Json.JsonElement json => FromJson(json),
        IReadOnlyDictionary<string, object?> dict => dict.ToDictionary(kv => kv.Key, kv => FromClr(kv.Value), StringComparer.Ordinal),
        IDictionary<string, string> dict => dict.ToDictionary(kv => kv.Key, kv => (object?)kv.Value, StringComparer.Ordinal),
        System.Collections.IEnumerable items => items.Cast<object?>().Select(FromClr).ToList(),
        _ => throw new ArgumentException($"a chat template cannot take a value of type {value.GetType().Name}"),
    };

    private static object? FromJson(System.Text.Json.JsonElement json) => json.ValueKind switch
    {
        System.Text.Json.JsonValueKind.Object => json.EnumerateObject().ToDictionary(p => p.Name, p => FromJson(p.Value), StringComparer.Ordinal),
        System.Text.Json.JsonValueKind.Array => json.EnumerateArray().Select(FromJson).ToList(),
        System.Text.Json.JsonValueKind.String => json.GetString(),
        System.Text.Json.JsonValueKind.Number => json.TryGetInt64(out var i) ? (object)i : json.GetDouble(), // object: long/double would widen to double
        System.Text.Json.JsonValueKind.True => true,
        System.Text.Json.JsonValueKind.False => false,
        _ => null,
    };
}
