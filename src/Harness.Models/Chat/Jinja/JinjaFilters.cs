using System.Globalization;

namespace Harness.Models.Chat.Jinja;

/// <summary>The filters chat templates use, with Jinja2 3.1's behaviour; `tojson` is transformers' own
/// (json.dumps with ensure_ascii=False, indent, separators, sort_keys) rather than Jinja's HTML-safe one.</summary>
internal static class JinjaFilters
{
    public static readonly IReadOnlyCollection<string> Names =
    [
        "trim", "length", "count", "tojson", "join", "select", "reject", "selectattr", "rejectattr", "map", "list", "first", "last",
        "default", "d", "upper", "lower", "string", "int", "float", "abs", "capitalize", "title", "replace", "items", "reverse", "safe",
    ];

    public static object? Apply(string name, object? value, IReadOnlyList<object?> arguments, IReadOnlyDictionary<string, object?> keywords, int line)
    {
        object? Argument(int i, string keyword, object? fallback) =>
            arguments.Count > i ? arguments[i] : keywords.TryGetValue(keyword, out var k) ? k : fallback;

        if (!Names.Contains(name))
            throw new JinjaException(line, $"filter '{name}' is not supported by the harness's Jinja subset (supported: {string.Join(", ", Names)})");
        switch (name)
        {
            case "default" or "d":
                var boolean = PyValue.Truthy(Argument(1, "boolean", false));
                return value is Undefined || (boolean && !PyValue.Truthy(value)) ? Argument(0, "default_value", "") : value;
            case "safe":
                return value;
            case "length" or "count":
                return value switch
                {
                    Undefined => 0L,
                    string s => (long)s.Length,
                    List<object?> l => (long)l.Count,
                    Dictionary<string, object?> d => (long)d.Count,
                    _ => throw new JinjaException(line, $"object of type {PyValue.TypeName(value)} has no len()"),
                };
        }

        if (value is Undefined u && name is not ("string" or "list" or "join" or "first" or "last"))
            throw new JinjaException(line, $"'{u.Name}' is undefined, so the filter '{name}' cannot apply");

        switch (name)
        {
            case "trim":
                return JinjaMethods.Strip(PyValue.Str(value), Argument(0, "chars", null) is { } chars ? [chars] : [], line, start: true, end: true);
            case "upper": return PyValue.Str(value).ToUpperInvariant();
            case "lower": return PyValue.Str(value).ToLowerInvariant();
            case "capitalize": return JinjaMethods.Capitalize(PyValue.Str(value));
            case "title": return JinjaMethods.Title(PyValue.Str(value));
            case "string": return PyValue.Str(value);
            case "replace":
                return PyValue.Str(value).Replace(PyValue.Str(Argument(0, "old", "")), PyValue.Str(Argument(1, "new", "")), StringComparison.Ordinal);
            case "int":
                return value switch
                {
                    long i => i,
                    double d => (long)Math.Truncate(d),
                    bool b => b ? 1L : 0L,
                    string s when long.TryParse(s.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
                    _ => Argument(0, "default", 0L),
                };
            case "float":
                return value switch
                {
                    long i => (double)i,
                    double d => d,
                    string s when double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
                    _ => Argument(0, "default", 0.0),
                };
            case "abs":
                return value switch { long i => (object)Math.Abs(i), double d => Math.Abs(d), _ => throw new JinjaException(line, "abs needs a number") };
            case "tojson":
                var indent = Argument(0, "indent", null) is long n ? (int?)n : null;
                var separators = Argument(2, "separators", null) is List<object?> { Count: 2 } pair
                    ? ((string, string)?)(PyValue.Str(pair[0]), PyValue.Str(pair[1])) : null;
                return PyValue.ToJson(value, indent, separators, PyValue.Truthy(Argument(3, "sort_keys", false)), line);
            case "items":
                return value is Dictionary<string, object?> dict
                    ? dict.Select(kv => (object?)new PyTuple([kv.Key, kv.Value])).ToList()
                    : throw new JinjaException(line, $"items needs a mapping, not {PyValue.TypeName(value)}");
        }

        var items = JinjaBuiltins.Iterate(value, line).ToList();
        switch (name)
        {
            case "list": return items;
            case "first": return items.Count > 0 ? items[0] : new Undefined("first of an empty sequence");
            case "last": return items.Count > 0 ? items[^1] : new Undefined("last of an empty sequence");
            case "reverse": return value is string s ? new string(s.Reverse().ToArray()) : Enumerable.Reverse(items).ToList();
            case "join":
                var attribute = Argument(1, "attribute", null) as string;
                return string.Join(PyValue.Str(Argument(0, "d", "")), items.Select(i => PyValue.Str(attribute is null ? i : JinjaBuiltins.GetItem(i, attribute, line))));
            case "select" or "reject":
                return items.Where(i => Passes(i, arguments, 0, line) == (name == "select")).ToList();
            case "selectattr" or "rejectattr":
                var member = arguments.Count > 0 && arguments[0] is string m ? m : throw new JinjaException(line, $"{name} needs an attribute name");
                return items.Where(i => Passes(JinjaBuiltins.GetItem(i, member, line), arguments, 1, line) == (name == "selectattr")).ToList();
            case "map":
                if (keywords.TryGetValue("attribute", out var mapped) && mapped is string field)
                    return items.Select(i => JinjaBuiltins.GetItem(i, field, line) is Undefined && keywords.TryGetValue("default", out var fallback) ? fallback : JinjaBuiltins.GetItem(i, field, line)).ToList();
                if (arguments.Count > 0 && arguments[0] is string filter)
                    return items.Select(i => Apply(filter, i, arguments.Skip(1).ToList(), new Dictionary<string, object?>(), line)).ToList();
                throw new JinjaException(line, "map needs a filter name or attribute=");
            default:
                throw new InvalidOperationException($"filter '{name}' is listed but not implemented");
        }
    }

    /// <summary>select/reject: with no test name, truthiness; otherwise the named test with the remaining arguments.</summary>
    private static bool Passes(object? item, IReadOnlyList<object?> arguments, int testIndex, int line) =>
        arguments.Count <= testIndex
            ? PyValue.Truthy(item)
            : JinjaPredicates.Apply(PyValue.Str(arguments[testIndex]), item, arguments.Skip(testIndex + 1).ToList(), line);
}
