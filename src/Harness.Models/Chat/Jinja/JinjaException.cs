namespace Harness.Models.Chat.Jinja;

/// <summary>A template that cannot be parsed or rendered: a syntax error, a construct outside the supported
/// subset (named), or a runtime error such as an undefined attribute or a type mismatch. The message starts
/// with the template line.</summary>
public class JinjaException : Exception
{
    /// <summary>A template error at <paramref name="line"/> (1-based).</summary>
    public JinjaException(int line, string message) : base($"line {line}: {message}") => Line = line;

    /// <summary>The 1-based line of the template the error points at.</summary>
    public int Line { get; }
}

/// <summary>The template called <c>raise_exception(message)</c>, as transformers' templates do to refuse a
/// conversation (for example roles that do not alternate); the message is the template's own.</summary>
internal sealed class ChatTemplateRaisedException(int line, string message) : JinjaException(line, message)
{
    /// <summary>The message the template raised, without the line prefix.</summary>
    public string TemplateMessage { get; } = message;
}
