namespace Harness.Models.Chat.Jinja;

/// <summary>Jinja's `is` tests that chat templates use (defined, none, string, mapping, iterable, equalto...).</summary>
internal static class JinjaPredicates
{
    public static readonly IReadOnlyCollection<string> Names =
    [
        "defined", "undefined", "none", "string", "number", "integer", "float", "boolean", "true", "false", "mapping", "iterable",
        "sequence", "callable", "equalto", "eq", "==", "ne", "!=", "in", "odd", "even", "divisibleby", "sameas", "lower", "upper",
    ];

    public static bool Apply(string name, object? value, IReadOnlyList<object?> arguments, int line)
    {
        object? Argument() => arguments.Count > 0 ? arguments[0] : throw new JinjaException(line, $"test '{name}' needs an argument");
        return name switch
        {
            "defined" => value is not Undefined,
            "undefined" => value is Undefined,
            "none" => value is null,
            "string" => value is string,
            "number" => value is long or double,
            "integer" => value is long,
            "float" => value is double,
            "boolean" => value is bool,
            "true" => value is true,
            "false" => value is false,
            "mapping" => value is Dictionary<string, object?>,
            "iterable" => value is string or List<object?> or Dictionary<string, object?>,
            "sequence" => value is string or List<object?> or Dictionary<string, object?>,
            "callable" => value is JinjaCallable,
            "equalto" or "eq" or "==" => PyValue.Equals(value, Argument()),
            "ne" or "!=" => !PyValue.Equals(value, Argument()),
            "in" => JinjaBuiltins.Contains(Argument(), value, line),
            "odd" => value is long i && Math.Abs(i % 2) == 1,
            "even" => value is long j && j % 2 == 0,
            "divisibleby" => value is long k && Argument() is long d && d != 0 && k % d == 0,
            "sameas" => ReferenceEquals(value, Argument()) || (value is null && Argument() is null)
                        || (value is bool a && Argument() is bool b && a == b),
            "lower" => value is string s && string.Equals(s, s.ToLowerInvariant(), StringComparison.Ordinal),
            "upper" => value is string u && string.Equals(u, u.ToUpperInvariant(), StringComparison.Ordinal),
            _ => throw new JinjaException(line, $"test '{name}' is not supported by the harness's Jinja subset (supported: {string.Join(", ", Names)})"),
        };
    }
}
