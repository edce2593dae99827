namespace Harness.Evaluation.LabelAgreement;

/// <summary>The label of a generated answer (spec/metrics.md section 4b): its first word, the first run
/// of letters, digits, '-' and '\'' after leading whitespace and punctuation, matched to the label set
/// case-insensitively. " Positive." and "positive&lt;/s&gt;" both read as "positive"; "pos" and "" read as nothing.</summary>
public static class AnswerParser
{
    /// <summary>The index of the answer's label in <paramref name="labels"/>, or null when the first word is none of them.</summary>
    public static int? Parse(string answer, IReadOnlyList<string> labels)
    {
        var start = 0;
        while (start < answer.Length && !IsWordChar(answer[start])) start++;
        var end = start;
        while (end < answer.Length && IsWordChar(answer[end])) end++;
        var word = answer[start..end];
        for (var i = 0; i < labels.Count; i++)
            if (word.Length > 0 && string.Equals(word, labels[i].Trim(), StringComparison.OrdinalIgnoreCase)) return i;
        return null;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c is '-' or '\'';
}
