using Harness.Models.Chat;

namespace Harness.Data.Examples;

/// <summary>
/// Prompts an instruct model as its chat template asks: the reader's prompt becomes the user message (after
/// an optional system message), the template is rendered with the generation prompt, and every span of the
/// example moves to where the user text landed. The attributed region is the user text (or the reader's region
/// inside it), so system prompt and role markers are never sources; the target loses its leading whitespace,
/// since the assistant's turn starts a new text.
/// </summary>
public static class ChatPrompt
{
    /// <paramref name="example"/> rendered through <paramref name="template"/> as one user turn, after the system
    /// message <paramref name="system"/> when given, with its spans moved accordingly.
    public static Example Apply(Example example, ChatTemplate template, string? system)
    {
        ArgumentNullException.ThrowIfNull(example);
        ArgumentNullException.ThrowIfNull(template);
        RenderedChat rendered;
        try
        {
            rendered = template.RenderUserPrompt(system, example.Prompt);
        }
        catch (Exception e) when (e is InvalidOperationException or Harness.Models.Chat.Jinja.JinjaException)
        {
            throw new InvalidOperationException($"example '{example.Id}': the chat template cannot prompt it: {e.Message}", e);
        }

        CharSpan Map(CharSpan span) => new(rendered.Map(span.Start), rendered.Map(span.End));
        return example with
        {
            Prompt = rendered.Text,
            Target = example.Target?.TrimStart(),
            Rationale = example.Rationale.Select(Map).ToList(),
            Region = example.Region is { } region ? Map(region) : new CharSpan(rendered.UserStart, rendered.UserStart + rendered.UserLength),
            Sources = example.Sources.Select(Map).ToList(),
            Distractor = example.Distractor is { } distractor ? Map(distractor) : null,
        };
    }
}
