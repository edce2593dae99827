using System.Globalization;

namespace Harness.Models.Chat.Jinja;

/// <summary>
/// Attribute and item access, slicing, membership, iteration, and the globals a chat template may call:
/// range, namespace, dict, raise_exception and strftime_now (transformers chat_template_utils.py).
/// </summary>
internal static class JinjaBuiltins
{
    public static readonly IReadOnlyDictionary<string, object?> Globals = new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["range"] = (JinjaCallable)Range,
        ["namespace"] = (JinjaCallable)((arguments, keywords) =>
        {
            var ns = new Namespace();
            foreach (var argument in arguments)
                if (argument is Dictionary<string, object?> initial) foreach (var (k, v) in initial) ns[k] = v;
            foreach (var (k, v) in keywords) ns[k] = v;
            return ns;
        }),
        ["dict"] = (JinjaCallable)((arguments, keywords) =>
        {
            var dict = arguments.Count > 0 && arguments[0] is Dictionary<string, object?> initial
                ? new Dictionary<string, object?>(initial, StringComparer.Ordinal) : new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var (k, v) in keywords) dict[k] = v;
            return dict;
        }),
        ["raise_exception"] = (JinjaCallable)((arguments, _) =>
            throw new ChatTemplateRaisedException(0, arguments.Count > 0 ? PyValue.Str(arguments[0]) : "raise_exception() was called")),
        ["strftime_now"] = (JinjaCallable)((arguments, _) => Strftime(DateTime.Now, arguments.Count > 0 ? PyValue.Str(arguments[0]) : "")),
    };

    private static object? Range(IReadOnlyList<object?> arguments, IReadOnlyDictionary<string, object?> keywords)
    {
        var numbers = arguments.Select(a => a is long i ? i : throw new JinjaException(0, "range() takes integers")).ToArray();
        var (start, stop, step) = numbers.Length switch
        {
            1 => (0L, numbers[0], 1L),
            2 => (numbers[0], numbers[1], 1L),
            3 => (numbers[0], numbers[1], numbers[2]),
            _ => throw new JinjaException(0, "range() takes 1 to 3 arguments"),
        };
        if (step == 0) throw new JinjaException(0, "range() step must not be zero");
        var result = new List<object?>();
        for (var i = start; step > 0 ? i < stop : i > stop; i += step) result.Add(i);
        return result;
    }

    /// <summary>`obj.name`: Jinja tries the attribute (a method of str/dict/list, or loop/namespace fields) then the item.</summary>
    public static object? GetAttribute(object? target, string name, int line)
    {
        if (target is Undefined u) throw new JinjaException(line, $"'{u.Name}' is undefined, so it has no attribute '{name}'");
        if (JinjaMethods.Bind(target, name, line) is { } method) return method;
        return target switch
        {
            Dictionary<string, object?> dict => dict.TryGetValue(name, out var value) ? value : new Undefined($"{name}"),
            _ => new Undefined(name),
        };
    }

    /// <summary>`obj[key]`: Jinja tries the item then the attribute.</summary>
    public static object? GetItem(object? target, object? key, int line)
    {
        switch (target)
        {
            case Undefined u:
                throw new JinjaException(line, $"'{u.Name}' is undefined, so it has no item {PyValue.Repr(key)}");
            case Dictionary<string, object?> dict when key is string name:
                return dict.TryGetValue(name, out var value) ? value : new Undefined(name);
            case List<object?> list when key is long or bool:
                var index = (long)PyValue.ToDouble(key);
                if (index < 0) index += list.Count;
                return index >= 0 && index < list.Count ? list[(int)index] : new Undefined($"[{key}]");
            case string text when key is long i:
                var at = i < 0 ? i + text.Length : i;
                return at >= 0 && at < text.Length ? text[(int)at].ToString() : new Undefined($"[{key}]");
            default:
                return key is string attribute ? GetAttribute(target, attribute, line) : new Undefined($"[{PyValue.Repr(key)}]");
        }
    }

    /// <summary>Python slicing of lists and strings, negative bounds and steps included (`messages[::-1]`).</summary>
    public static object? SliceOf(object? target, object? start, object? stop, object? step, int line)
    {
        var length = target switch
        {
            List<object?> list => list.Count,
            string text => text.Length,
            _ => throw new JinjaException(line, $"{PyValue.TypeName(target)} cannot be sliced"),
        };
        var by = step is null ? 1 : step is long s ? s : throw new JinjaException(line, "slice steps must be integers");
        if (by == 0) throw new JinjaException(line, "slice step cannot be zero");
        long Bound(object? value, long whenNone)
        {
            if (value is null) return whenNone;
            if (value is not long v) throw new JinjaException(line, "slice bounds must be integers");
            if (v < 0) v += length;
            return by > 0 ? Math.Clamp(v, 0, length) : Math.Clamp(v, -1, length - 1);
        }
        var from = Bound(start, by > 0 ? 0 : length - 1);
        var to = Bound(stop, by > 0 ? length : -1);
        var indices = new List<int>();
        for (var i = from; by > 0 ? i < to : i > to; i += by) indices.Add((int)i);
        return target is string str
            ? string.Concat(indices.Select(i => str[i]))
            : indices.Select(i => ((List<object?>)target!)[i]).ToList();
    }

    public static bool Contains(object? container, object? item, int line) => container switch
    {
        string text when item is string part => text.Contains(part, StringComparison.Ordinal),
        string => throw new JinjaException(line, $"'in <string>' requires a string, not {PyValue.TypeName(item)}"),
        List<object?> list => list.Any(x => PyValue.Equals(x, item)),
        Dictionary<string, object?> dict => item is string key && dict.ContainsKey(key),
        Undefined u => throw new JinjaException(line, $"'{u.Name}' is undefined"),
        _ => throw new JinjaException(line, $"argument of type {PyValue.TypeName(container)} is not iterable"),
    };

    public static IEnumerable<object?> Iterate(object? value, int line) => value switch
    {
        Undefined => [],
        List<object?> list => list,
        Dictionary<string, object?> dict => dict.Keys,
        string text => text.Select(c => (object?)c.ToString()),
        _ => throw new JinjaException(line, $"{PyValue.TypeName(value)} is not iterable"),
    };

    /// <summary>Python's datetime.strftime for the directives templates use (%d %b %B %Y %y %m %H %M %S %A %a %j %p %%).</summary>
    public static string Strftime(DateTime time, string format)
    {
        var c = CultureInfo.InvariantCulture;
        var result = new System.Text.StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%' || i + 1 == format.Length) { result.Append(format[i]); continue; }
            var d = format[++i];
            result.Append(d switch
            {
                'd' => time.ToString("dd", c),
                'b' => time.ToString("MMM", c),
                'B' => time.ToString("MMMM", c),
                'Y' => time.ToString("yyyy", c),
                'y' => time.ToString("yy", c),
                'm' => time.ToString("MM", c),
                'H' => time.ToString("HH", c),
                'M' => time.ToString("mm", c),
                'S' => time.ToString("ss", c),
                'A' => time.ToString("dddd", c),
                'a' => time.ToString("ddd", c),
                'j' => time.DayOfYear.ToString("000", c),
                'p' => time.ToString("tt", c),
                '%' => "%",
                _ => throw new JinjaException(0, $"strftime_now: directive %{d} is not supported"),
            });
        }
        return result.ToString();
    }
}
