using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace Harness.Scoring;

/// <summary>
/// Binds key=value strings (the command line's --option, YAML's options) to an attributor's typed
/// options record: keys are the properties' snake_case names, enum values their snake_case names.
/// An unknown key or an unparsable value fails naming the attributor, the key, the value and what
/// is valid. Ranges are checked by the method itself.
/// </summary>
public static class OptionBinder
{
    /// <summary>The options record of type <paramref name="optionsType"/> with <paramref name="values"/> (snake_case key to
    /// value) set on a default instance; null when <paramref name="optionsType"/> is null and no values are given.
    /// Throws <see cref="ScoringException"/> naming <paramref name="attributor"/> for an unknown key or bad value.</summary>
    public static object? Bind(
        string attributor,
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] Type? optionsType,
        IReadOnlyDictionary<string, string> values)
    {
        if (optionsType is null)
        {
            if (values.Count == 0) return null;
            throw new ScoringException($"{attributor} takes no options; got {string.Join(", ", values.Keys)}");
        }

        var options = Activator.CreateInstance(optionsType)!;
        var properties = optionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite)
            .ToDictionary(p => SnakeCase(p.Name), StringComparer.Ordinal);
        foreach (var (key, text) in values)
        {
            if (!properties.TryGetValue(key, out var property))
                throw new ScoringException($"{attributor} has no option '{key}'; valid: {string.Join(", ", properties.Keys.Order())}");
            property.SetValue(options, Parse(attributor, key, text, property.PropertyType));
        }

        return options;
    }

    /// <summary>The option keys of an options type with their types, for help texts and errors.</summary>
    public static IReadOnlyList<string> Keys(
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] Type? optionsType) =>
        optionsType is null ? [] : optionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).Select(p => SnakeCase(p.Name)).ToList();

    /// <summary>Each option key of an options type with its default written as YAML takes it (enums snake_case, lists
    /// comma-joined, numbers culture-invariant), for `harness methods`.</summary>
    public static IReadOnlyList<(string Key, string Default)> Defaults(
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] Type? optionsType)
    {
        if (optionsType is null) return [];
        var defaults = Activator.CreateInstance(optionsType)!;
        return optionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite)
            .Select(p => (SnakeCase(p.Name), Format(p.GetValue(defaults)))).ToList();
    }

    private static string Format(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        Enum e => SnakeCase(e.ToString()),
        string text => text,
        System.Collections.IEnumerable list => string.Join(",", list.Cast<object?>().Select(Format)),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static object? Parse(string attributor, string key, string text, Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (Nullable.GetUnderlyingType(type) is not null && text is "null" or "none" or "") return null;
        string Fail(string expected) => $"{attributor} option {key}={text}: expected {expected}";
        if (target.IsEnum)
        {
            var names = Enum.GetNames(target);
            var match = names.FirstOrDefault(n => Normalise(n) == Normalise(text));
            return match is null
                ? throw new ScoringException(Fail("one of " + string.Join(", ", names.Select(SnakeCase))))
                : Enum.Parse(target, match);
        }

        if (target == typeof(bool))
            return bool.TryParse(text, out var b) ? b : throw new ScoringException(Fail("true or false"));
        if (target == typeof(int))
            return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : throw new ScoringException(Fail("an integer"));
        if (target == typeof(long))
            return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : throw new ScoringException(Fail("an integer"));
        if (target == typeof(double))
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : throw new ScoringException(Fail("a number"));
        if (target == typeof(string)) return text;
        // A value type of its own spelling (e.g. integrated_gradients' baseline "token:0"): its IParsable.Parse.
        if (target.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IParsable<>)))
        {
            var parse = target.GetMethod("Parse", BindingFlags.Public | BindingFlags.Static, [typeof(string), typeof(IFormatProvider)])!;
            try
            {
                return parse.Invoke(null, [text, CultureInfo.InvariantCulture]);
            }
            catch (TargetInvocationException e) when (e.InnerException is FormatException format)
            {
                throw new ScoringException($"{attributor} option {key}: {format.Message}");
            }
        }

        // Names ("gradient_shap,lime": the soft metrics' inseq_attributors) as comma-separated text.
        if (target == typeof(IReadOnlyList<string>))
        {
            var names = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            return names.Length > 0 ? names.ToList() : throw new ScoringException(Fail("a comma-separated list of names"));
        }

        // Lists ("1,5,10,20,50": ERASER thresholds, pi grids) as comma-separated values of the element type.
        if (target == typeof(IReadOnlyList<int>) || target == typeof(IReadOnlyList<double>))
        {
            var element = target.GetGenericArguments()[0];
            var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0) throw new ScoringException(Fail($"a comma-separated list of {(element == typeof(int) ? "integers" : "numbers")}"));
            try
            {
                return element == typeof(int)
                    ? parts.Select(x => (int)Parse(attributor, key, x, typeof(int))!).ToList()
                    : (object)parts.Select(x => (double)Parse(attributor, key, x, typeof(double))!).ToList();
            }
            catch (ScoringException)
            {
                throw new ScoringException(Fail($"a comma-separated list of {(element == typeof(int) ? "integers" : "numbers")}"));
            }
        }

        throw new ScoringException(Fail($"a {target.Name}, which cannot be given as text"));
    }

    /// <summary>The snake_case names of an enum's values, as experiment files and the command line spell them.</summary>
    public static IReadOnlyList<string> EnumNames<T>() where T : struct, Enum => Enum.GetNames<T>().Select(SnakeCase).ToList();

    /// <summary>The enum value spelled <paramref name="text"/> (snake_case; case and underscores ignored, as options
    /// are read); null when no value is spelled so.</summary>
    public static T? ParseEnum<T>(string text) where T : struct, Enum =>
        Enum.GetNames<T>().FirstOrDefault(n => Normalise(n) == Normalise(text)) is { } name ? Enum.Parse<T>(name) : null;

    private static string Normalise(string s) => s.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();

    /// <summary>"NoiseStdDev" -> "noise_std_dev".</summary>
    public static string SnakeCase(string name)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0 && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
                builder.Append('_');
            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }
}
