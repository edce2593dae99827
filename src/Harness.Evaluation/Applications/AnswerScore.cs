using System.Text;

namespace Harness.Evaluation.Applications;

/// <summary>SQuAD's answer scores (Rajpurkar et al. 2016, the official evaluation script, also used by
/// HotpotQA): answers normalised (lower case, punctuation and the articles a/an/the removed, white
/// space collapsed), exact match and token F1, each the best over the gold answers.</summary>
public static class AnswerScore
{
    /// <summary>SQuAD's normalize_answer: lower case, punctuation and symbols to spaces, the articles a/an/the
    /// dropped, words joined by single spaces.</summary>
    public static string Normalize(string text)
    {
        var lower = new StringBuilder();
        foreach (var c in text.ToLowerInvariant()) lower.Append(char.IsPunctuation(c) || char.IsSymbol(c) ? ' ' : c);
        var words = lower.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Where(w => w is not ("a" or "an" or "the"));
        return string.Join(' ', words);
    }

    /// <summary>1 when the normalised <paramref name="prediction"/> equals any normalised gold answer, else 0.</summary>
    public static double ExactMatch(string prediction, IEnumerable<string> gold) =>
        gold.Any(g => Normalize(g) == Normalize(prediction)) ? 1 : 0;

    /// <summary>The best token F1 over the gold answers (0 when there are none): the harmonic mean of precision and
    /// recall of the normalised tokens in common (a multiset); two empty answers score 1.</summary>
    public static double F1(string prediction, IEnumerable<string> gold) => gold.Select(g => F1(prediction, g)).DefaultIfEmpty(0).Max();

    private static double F1(string prediction, string gold)
    {
        var predicted = Normalize(prediction).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var truth = Normalize(gold).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (predicted.Length == 0 || truth.Length == 0) return predicted.Length == truth.Length ? 1 : 0;
        var counts = truth.GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());
        var common = 0;
        foreach (var token in predicted)
            if (counts.TryGetValue(token, out var left) && left > 0)
            {
                counts[token] = left - 1;
                common++;
            }

        if (common == 0) return 0;
        var precision = (double)common / predicted.Length;
        var recall = (double)common / truth.Length;
        return 2 * precision * recall / (precision + recall);
    }
}
