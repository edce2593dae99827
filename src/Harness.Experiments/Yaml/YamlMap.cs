using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Harness.Experiments.Yaml;

/// <summary>A YAML mapping read by key with typed getters that record an error (with the value's
/// position) instead of throwing, and that refuse unknown keys with a suggestion for misspellings.</summary>
internal sealed class YamlMap
{
    private readonly YamlMappingNode node;
    private readonly YamlContext context;

    /// <param name="at">The node that stands for the map in messages (a plain-name shorthand has no map of its own).</param>
    public YamlMap(YamlMappingNode node, YamlContext context, string what, IReadOnlyList<string> keys, YamlNode? at = null)
    {
        this.node = node;
        this.context = context;
        Anchor = at ?? node;
        foreach (var (key, _) in node.Children)
        {
            var name = (key as YamlScalarNode)?.Value;
            if (name is null) context.Error(key, $"{what}: keys must be plain names");
            else if (!keys.Contains(name) && !name.StartsWith("x-", StringComparison.Ordinal))
                context.UnknownKey(key, $"{what}: unknown key '{name}'{NameSuggestion.Hint(name, keys)}; expected one of {string.Join(", ", keys)}");
        }
    }

    /// <summary>Where the map is, for messages about it as a whole.</summary>
    public YamlNode Anchor { get; }

    public YamlNode? Get(string key) =>
        node.Children.FirstOrDefault(c => c.Key is YamlScalarNode { Value: var v } && v == key).Value;

    public string? String(string key, bool required = false)
    {
        var value = Get(key);
        if (value is null)
        {
            if (required) context.Error(Anchor, $"'{key}' is missing");
            return null;
        }

        if (value is YamlScalarNode { Value: { Length: > 0 } text }) return text;
        context.Error(value, $"'{key}' must be a non-empty text value");
        return null;
    }

    public int? Int(string key, int min)
    {
        var value = Get(key);
        if (value is null) return null;
        if (value is YamlScalarNode { Value: var text } && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min) return n;
        context.Error(value, $"'{key}' must be an integer of at least {min}, got '{(value as YamlScalarNode)?.Value ?? value.NodeType.ToString()}'");
        return null;
    }

    public bool? Bool(string key)
    {
        var value = Get(key);
        if (value is null) return null;
        if (value is YamlScalarNode { Value: "true" or "false" } scalar) return scalar.Value == "true";
        context.Error(value, $"'{key}' must be true or false, got '{(value as YamlScalarNode)?.Value ?? value.NodeType.ToString()}'");
        return null;
    }

    public ulong? UInt64(string key)
    {
        var value = Get(key);
        if (value is null) return null;
        if (value is YamlScalarNode { Value: var text } && ulong.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) return n;
        context.Error(value, $"'{key}' must be a non-negative integer, got '{(value as YamlScalarNode)?.Value ?? value.NodeType.ToString()}'");
        return null;
    }

    /// <summary>An enum by its snake_case name; errors list the valid names.</summary>
    public T? Enum<T>(string key) where T : struct, Enum
    {
        var text = String(key);
        if (text is null) return null;
        if (Harness.Scoring.OptionBinder.ParseEnum<T>(text) is { } value) return value;
        var valid = Harness.Scoring.OptionBinder.EnumNames<T>();
        context.Error(Get(key)!, $"'{key}: {text}' is not one of {string.Join(", ", valid)}{NameSuggestion.Hint(text, valid)}");
        return null;
    }

    /// <summary>The items of a sequence value (a single non-sequence value is refused).</summary>
    public IReadOnlyList<YamlNode> Sequence(string key, bool required = false)
    {
        var value = Get(key);
        if (value is null)
        {
            if (required) context.Error(Anchor, $"'{key}' is missing: give a list");
            return [];
        }

        if (value is YamlSequenceNode sequence) return sequence.Children.ToList();
        context.Error(value, $"'{key}' must be a list");
        return [];
    }

    /// <summary>A mapping of option names to values, as the key=value strings the registries bind:
    /// a scalar as written, a list of scalars joined with commas.</summary>
    public Dictionary<string, string> Options(string key)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var value = Get(key);
        if (value is null) return result;
        if (value is not YamlMappingNode map)
        {
            context.Error(value, $"'{key}' must be a mapping of option names to values");
            return result;
        }

        foreach (var (k, v) in map.Children)
        {
            var name = (k as YamlScalarNode)?.Value;
            if (name is null) { context.Error(k, $"'{key}': option names must be plain names"); continue; }
            if (OptionText(v) is { } text) result[name] = text;
            else context.Error(v, $"option '{name}' must be a value or a list of values");
        }

        return result;
    }

    public static string? OptionText(YamlNode value) => value switch
    {
        YamlScalarNode scalar => scalar.Value ?? "",
        YamlSequenceNode list when list.Children.All(c => c is YamlScalarNode) =>
            string.Join(",", list.Children.Cast<YamlScalarNode>().Select(c => c.Value)),
        _ => null,
    };
}
