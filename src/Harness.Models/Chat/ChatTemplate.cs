using System.Text.Json;
using Harness.Models.Chat.Jinja;

namespace Harness.Models.Chat;

/// <summary>
/// A model's chat template (tokenizer_config.json `chat_template`) rendered as transformers 4.45.1's
/// <c>apply_chat_template(messages, tokenize=False, add_generation_prompt=...)</c> renders it: the
/// template's variables are the messages, <c>tools</c> and <c>documents</c> (None), add_generation_prompt
/// and the tokenizer's special tokens (bos_token, eos_token, ...; tokenization_utils_base.py
/// <c>{**self.special_tokens_map, **kwargs}</c>). The rendered text already holds the special tokens, so it
/// is encoded without the tokenizer adding its own (transformers encodes it with add_special_tokens=False).
/// </summary>
public sealed class ChatTemplate
{
    private static readonly string[] SpecialTokenKeys =
        ["bos_token", "eos_token", "unk_token", "sep_token", "pad_token", "cls_token", "mask_token"];

    private readonly JinjaTemplate template;

    /// <summary>Parses the Jinja <paramref name="source"/> (tokenizer_config.json's chat_template); <paramref name="specialTokens"/>
    /// are the variables such as bos_token it may use.</summary>
    public ChatTemplate(string source, IReadOnlyDictionary<string, string> specialTokens)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(specialTokens);
        Source = source;
        SpecialTokens = specialTokens;
        template = JinjaTemplate.Parse(source);
    }

    /// <summary>The template text.</summary>
    public string Source { get; }

    /// <summary>The special tokens the template sees (only those the tokenizer config sets).</summary>
    public IReadOnlyDictionary<string, string> SpecialTokens { get; }

    /// <summary>The chat template of a model folder's tokenizer_config.json, or null when it has none.</summary>
    public static ChatTemplate? FromModelDirectory(string modelDirectory)
    {
        var path = Path.Combine(modelDirectory, "tokenizer_config.json");
        return File.Exists(path) ? FromTokenizerConfig(path) : null;
    }

    /// <summary>Reads `chat_template` (a string, or a list of named templates of which "default" is used) and
    /// the special tokens of a tokenizer_config.json; null when the file has no template.</summary>
    public static ChatTemplate? FromTokenizerConfig(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        if (!root.TryGetProperty("chat_template", out var chat) || chat.ValueKind == JsonValueKind.Null) return null;
        var source = chat.ValueKind switch
        {
            JsonValueKind.String => chat.GetString()!,
            JsonValueKind.Array => chat.EnumerateArray()
                .FirstOrDefault(t => t.TryGetProperty("name", out var n) && n.GetString() == "default") is { ValueKind: JsonValueKind.Object } named
                ? named.GetProperty("template").GetString()!
                : throw new FormatException($"{path}: chat_template is a list without a \"default\" template"),
            _ => throw new FormatException($"{path}: chat_template must be a string or a list of named templates"),
        };
        var tokens = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in SpecialTokenKeys)
        {
            if (!root.TryGetProperty(key, out var token)) continue;
            var content = token.ValueKind switch
            {
                JsonValueKind.String => token.GetString(),
                JsonValueKind.Object when token.TryGetProperty("content", out var c) => c.GetString(),
                _ => null,
            };
            if (content is not null) tokens[key] = content;
        }
        try
        {
            return new ChatTemplate(source, tokens);
        }
        catch (JinjaException e)
        {
            throw new FormatException($"{path}: chat_template {e.Message}", e);
        }
    }

    /// <summary>Renders a conversation; <paramref name="variables"/> are extra template arguments
    /// (apply_chat_template's **kwargs, e.g. enable_thinking), and <paramref name="tools"/> the tool schemas.</summary>
    public string Render(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt = true,
        IReadOnlyDictionary<string, object?>? variables = null, IReadOnlyList<object?>? tools = null)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var arguments = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["messages"] = messages.Select(m => (object?)new Dictionary<string, object?>(StringComparer.Ordinal) { ["role"] = m.Role, ["content"] = m.Content }).ToList(),
            ["tools"] = tools?.ToList(),
            ["documents"] = null,
            ["add_generation_prompt"] = addGenerationPrompt,
        };
        foreach (var (key, value) in SpecialTokens) arguments[key] = value;
        if (variables is not null) foreach (var (key, value) in variables) arguments[key] = value;
        return template.Render(arguments);
    }

    /// <summary>
    /// Renders an optional system message and one user message with the generation prompt, and finds the
    /// user text inside the result, so spans of the user text can be carried into the rendered prompt. The
    /// template may strip the user text (Llama-2's <c>.strip()</c>, Llama-3's <c>| trim</c>); any other change
    /// to it is refused, because spans could no longer be mapped.
    /// </summary>
    public RenderedChat RenderUserPrompt(string? system, string user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var rendered = Render(Conversation(system, user));
        // Locate the user text through a marker that no template alters, then check the real rendering
        // has the same text around it.
        const string marker = "\u0001harness-user-text\u0001";
        var layout = Render(Conversation(system, marker));
        var at = layout.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0 || layout.IndexOf(marker, at + 1, StringComparison.Ordinal) >= 0)
            throw new InvalidOperationException("the chat template does not place the user message exactly once in the prompt");
        var prefix = layout[..at];
        var suffix = layout[(at + marker.Length)..];
        if (!rendered.StartsWith(prefix, StringComparison.Ordinal) || !rendered.EndsWith(suffix, StringComparison.Ordinal)
            || rendered.Length < prefix.Length + suffix.Length)
            throw new InvalidOperationException("the chat template renders text around the user message that depends on the message");
        var placed = rendered[prefix.Length..^suffix.Length];
        int offset;
        if (placed == user) offset = 0;
        else if (placed == user.Trim()) offset = user.Length - user.TrimStart().Length;
        else if (placed == user.TrimEnd()) offset = 0;
        else throw new InvalidOperationException("the chat template changes the user message (other than stripping whitespace), so its spans cannot be mapped");
        return new RenderedChat(rendered, prefix.Length, placed.Length, offset);
    }

    private static List<ChatMessage> Conversation(string? system, string user) =>
        system is null ? [new ChatMessage("user", user)] : [new ChatMessage("system", system), new ChatMessage("user", user)];
}

/// <summary>A rendered prompt and where the user text sits in it: characters
/// [<see cref="UserStart"/>, <see cref="UserStart"/> + <see cref="UserLength"/>) of <see cref="Text"/> are the
/// user text from its character <see cref="UserOffset"/> on (leading whitespace the template stripped).</summary>
public sealed record RenderedChat(string Text, int UserStart, int UserLength, int UserOffset)
{
    /// <summary>Maps a character position of the user text into the rendered prompt, clamped to the placed text.</summary>
    public int Map(int userPosition) => UserStart + Math.Clamp(userPosition - UserOffset, 0, UserLength);
}
