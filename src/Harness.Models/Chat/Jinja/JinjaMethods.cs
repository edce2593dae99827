namespace Harness.Models.Chat.Jinja;

/// <summary>
/// The Python methods templates call on strings (strip, lstrip, rstrip, split, startswith, endswith, upper,
/// lower, title, capitalize, replace, find, count) and dictionaries (items, keys, values, get). Methods that
/// change a value (list.append, dict.update...) are refused, as transformers' ImmutableSandboxedEnvironment
/// refuses them.
/// </summary>
internal static class JinjaMethods
{
    private static readonly HashSet<string> Mutating = new(StringComparer.Ordinal)
    {
        "append", "extend", "insert", "pop", "remove", "clear", "sort", "reverse", "update", "setdefault", "popitem",
    };

    public static JinjaCallable? Bind(object? target, string name, int line) => target switch
    {
        string text => StringMethod(text, name, line),
        Namespace => null,
        Dictionary<string, object?> dict => DictMethod(dict, name, line),
        List<object?> when Mutating.Contains(name) => (_, _) => throw new JinjaException(line, $"list.{name}() changes a value; chat templates run in an immutable sandbox"),
        _ => null,
    };

    private static JinjaCallable? StringMethod(string text, string name, int line) => name switch
    {
        "strip" => (a, _) => Strip(text, a, line, start: true, end: true),
        "lstrip" => (a, _) => Strip(text, a, line, start: true, end: false),
        "rstrip" => (a, _) => Strip(text, a, line, start: false, end: true),
        "split" => (a, k) => Split(text, a, k, line),
        "startswith" => (a, _) => Affix(a, line).Any(p => text.StartsWith(p, StringComparison.Ordinal)),
        "endswith" => (a, _) => Affix(a, line).Any(p => text.EndsWith(p, StringComparison.Ordinal)),
        "upper" => (_, _) => text.ToUpperInvariant(),
        "lower" => (_, _) => text.ToLowerInvariant(),
        "title" => (_, _) => Title(text),
        "capitalize" => (_, _) => Capitalize(text),
        "replace" => (a, _) => Replace(text, a, line),
        "find" => (a, _) => (long)text.IndexOf(StringArgument(a, 0, "find", line), StringComparison.Ordinal),
        "count" => (a, _) => (long)CountOf(text, StringArgument(a, 0, "count", line)),
        "format" or "format_map" => (_, _) => throw new JinjaException(line, $"str.{name}() is not supported by the harness's Jinja subset"),
        // A real str method the subset lacks says so, rather than that an undefined name cannot be called.
        _ when OtherStrMethods.Contains(name) => (_, _) => throw new JinjaException(line, $"str.{name}() is not supported by the harness's Jinja subset"),
        _ => null,
    };

    /// <summary>Python's str methods outside the subset. Source: Python 3.11 `dir(str)`.</summary>
    private static readonly HashSet<string> OtherStrMethods = new(StringComparer.Ordinal)
    {
        "casefold", "center", "encode", "expandtabs", "index", "isalnum", "isalpha", "isascii", "isdecimal", "isdigit",
        "isidentifier", "islower", "isnumeric", "isprintable", "isspace", "istitle", "isupper", "join", "ljust", "maketrans",
        "partition", "removeprefix", "removesuffix", "rfind", "rindex", "rjust", "rpartition", "rsplit", "splitlines",
        "swapcase", "translate", "zfill",
    };

    private static JinjaCallable? DictMethod(Dictionary<string, object?> dict, string name, int line) => name switch
    {
        "items" => (_, _) => dict.Select(kv => (object?)new PyTuple([kv.Key, kv.Value])).ToList(),
        "keys" => (_, _) => dict.Keys.Select(k => (object?)k).ToList(),
        "values" => (_, _) => dict.Values.ToList(),
        "get" => (a, _) => a.Count > 0 && a[0] is string key && dict.TryGetValue(key, out var value) ? value : a.Count > 1 ? a[1] : null,
        _ when Mutating.Contains(name) => (_, _) => throw new JinjaException(line, $"dict.{name}() changes a value; chat templates run in an immutable sandbox"),
        _ => null,
    };

    /// <summary>str.strip([chars]): whitespace (Python's definition) or the given characters.</summary>
    public static string Strip(string text, IReadOnlyList<object?> arguments, int line, bool start, bool end)
    {
        var chars = arguments.Count > 0 && arguments[0] is not null ? StringArgument(arguments, 0, "strip", line).ToCharArray() : null;
        if (chars is null)
        {
            if (start) text = text.TrimStart();
            if (end) text = text.TrimEnd();
            return text;
        }
        if (start) text = text.TrimStart(chars);
        if (end) text = text.TrimEnd(chars);
        return text;
    }

    private static List<object?> Split(string text, IReadOnlyList<object?> arguments, IReadOnlyDictionary<string, object?> keywords, int line)
    {
        var separator = arguments.Count > 0 ? arguments[0] : keywords.GetValueOrDefault("sep");
        var maxSplit = arguments.Count > 1 ? arguments[1] : keywords.GetValueOrDefault("maxsplit", -1L);
        var limit = maxSplit is long m ? m : -1;
        if (separator is null)
        {
            // Whitespace split: runs of whitespace separate, no empty strings.
            var parts = new List<object?>();
            var rest = text.TrimStart();
            while (rest.Length > 0)
            {
                if (limit >= 0 && parts.Count == limit) { parts.Add(rest); break; }
                var cut = 0;
                while (cut < rest.Length && !char.IsWhiteSpace(rest[cut])) cut++;
                parts.Add(rest[..cut]);
                rest = rest[cut..].TrimStart();
            }
            return parts;
        }
        if (separator is not string sep || sep.Length == 0) throw new JinjaException(line, "str.split() separator must be a non-empty string");
        var pieces = limit < 0 ? text.Split(sep) : text.Split(sep, (int)limit + 1);
        return pieces.Select(p => (object?)p).ToList();
    }

    private static IEnumerable<string> Affix(IReadOnlyList<object?> arguments, int line) => arguments.Count > 0 && arguments[0] is List<object?> options
        ? options.Select(o => o as string ?? throw new JinjaException(line, "startswith/endswith take strings"))
        : [StringArgument(arguments, 0, "startswith", line)];

    private static string Replace(string text, IReadOnlyList<object?> arguments, int line)
    {
        var old = StringArgument(arguments, 0, "replace", line);
        var replacement = StringArgument(arguments, 1, "replace", line);
        var count = arguments.Count > 2 && arguments[2] is long c ? c : -1;
        if (count < 0) return old.Length == 0 ? string.Join(replacement, text.Select(ch => ch.ToString()).Prepend("").Append("")) : text.Replace(old, replacement, StringComparison.Ordinal);
        var builder = new System.Text.StringBuilder();
        var position = 0;
        for (var done = 0; done < count; done++)
        {
            var at = text.IndexOf(old, position, StringComparison.Ordinal);
            if (at < 0 || old.Length == 0) break;
            builder.Append(text, position, at - position).Append(replacement);
            position = at + old.Length;
        }
        return builder.Append(text, position, text.Length - position).ToString();
    }

    private static int CountOf(string text, string part)
    {
        if (part.Length == 0) return text.Length + 1;
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal)) count++;
        return count;
    }

    /// <summary>str.capitalize(): the first character upper case, the rest lower case.</summary>
    public static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..].ToLowerInvariant();

    /// <summary>str.title(): upper case after any non-letter, lower case elsewhere.</summary>
    public static string Title(string text)
    {
        var chars = text.ToCharArray();
        var previousIsLetter = false;
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = previousIsLetter ? char.ToLowerInvariant(chars[i]) : char.ToUpperInvariant(chars[i]);
            previousIsLetter = char.IsLetter(chars[i]);
        }
        return new string(chars);
    }

    private static string StringArgument(IReadOnlyList<object?> arguments, int index, string method, int line) =>
        arguments.Count > index && arguments[index] is string s ? s : throw new JinjaException(line, $"str.{method}() expects a string argument");
}
