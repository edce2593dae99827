using Harness.Data.Examples;

namespace Harness.Data.Readers;

/// <summary>Checks shared by the token-level sets (longra, annotated LAMBADA): a target carries its
/// leading space, and a rationale span lies inside the prompt and spells what the file says.</summary>
internal static class TokenTargets
{
    public static string Checked(JsonlRow row, string field, string target) =>
        target.Length > 1 && target[0] == ' ' && !char.IsWhiteSpace(target[1])
            ? target
            : throw row.Error($"{field}: expected one space then the target word, found \"{target}\"");

    public static CharSpan SpanWithText(JsonlRow row, string field, CharSpan span, string prompt, string expected)
    {
        if (span.End > prompt.Length) throw row.Error($"{field}: span {span} is outside the prompt ({prompt.Length} characters)");
        var found = prompt[span.Start..span.End];
        return found == expected ? span : throw row.Error($"{field}: span {span} spells \"{found}\", expected \"{expected}\"");
    }
}
