using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Harness.Data.Catalog.Conversions;

/// <summary>
/// longra, rebuilt as Vafa et al. 2021 built their analogies: the 14 templates (one per category, data strings
/// of their data_utils.py, read from that file) filled with each distinct word pair of the Google analogy
/// set (questions-words.txt; each line `a b c d` gives pairs (a,b) and (c,d), kept in order of first
/// appearance per category). The slot that comes last is the target, the other the antecedent; `euro` and
/// `won` become `Euro` and `Won` as in their code. Neither of their model-dependent filters (single-token
/// words, correctly predicted examples) is applied.
/// </summary>
internal static partial class LongRaConversion
{
    /// <param name="files">data_utils.py, then questions-words.txt.</param>
    public static IEnumerable<JsonObject> Rows(IReadOnlyList<string> files)
    {
        var templates = Templates(File.ReadAllText(files[0]));
        if (templates.Count != 14) throw RawText.Error(files[0], 0, $"expected 14 analogy templates, found {templates.Count}");
        foreach (var (category, pairs) in Pairs(RawText.Lines(files[1])))
        {
            if (!templates.TryGetValue(category, out var template)) throw RawText.Error(files[1], 0, $"no template for the category '{category}'");
            foreach (var (pair, k) in pairs.Select((p, k) => (p, k))) yield return Row(category, template, pair.A, pair.B, k);
        }
    }

    private static JsonObject Row(string category, string template, string a, string b, int k)
    {
        var (slotA, slotB) = (template.IndexOf("[A]", StringComparison.Ordinal), template.IndexOf("[B]", StringComparison.Ordinal));
        var aLast = slotA > slotB;
        var (last, lastSlot, other, otherSlot) = aLast ? (a, slotA, b, slotB) : (b, slotB, a, slotA);
        if (template[(lastSlot + 3)..].Length > 0) throw new InvalidDataException($"longra template of {category} does not end with its target slot");
        var prompt = template[..lastSlot].Replace(aLast ? "[B]" : "[A]", other, StringComparison.Ordinal).TrimEnd();
        var open = prompt.IndexOf('(', StringComparison.Ordinal);
        var close = prompt.IndexOf(").", open + 1, StringComparison.Ordinal) + 2;
        return new JsonObject
        {
            ["id"] = $"longra-{category}-{k:D3}", ["category"] = category, ["template"] = template, ["word_a"] = a, ["word_b"] = b,
            ["prompt"] = prompt, ["target"] = " " + last, ["text"] = prompt + " " + last, ["antecedent"] = other,
            ["antecedent_span"] = new JsonArray(otherSlot, otherSlot + other.Length), ["distractor_span"] = new JsonArray(open, close),
        };
    }

    /// <summary>`all_analogies['CATEGORY']['template'] = ("..." "...")`: Python's adjacent string literals, joined.</summary>
    private static Dictionary<string, string> Templates(string python) =>
        TemplateAssignment().Matches(python).ToDictionary(
            m => m.Groups["category"].Value,
            m => string.Concat(StringLiteral().Matches(m.Groups["body"].Value).Select(s => s.Groups[1].Value)));

    private static IEnumerable<(string Category, List<(string A, string B)> Pairs)> Pairs(IReadOnlyList<string> lines)
    {
        string? category = null;
        var pairs = new List<(string, string)>();
        foreach (var line in lines.Select(l => l.Trim()).Where(l => l.Length > 0))
        {
            if (line.StartsWith(':'))
            {
                if (category is not null) yield return (category, pairs);
                (category, pairs) = (line[1..].Trim(), []);
                continue;
            }

            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            foreach (var pair in new[] { (words[0], words[1]), (words[2], words[3]) })
            {
                var fixedPair = category == "currency" ? (pair.Item1, Capitalised(pair.Item2)) : pair;
                if (!pairs.Contains(fixedPair)) pairs.Add(fixedPair);
            }
        }

        if (category is not null) yield return (category, pairs);
    }

    private static string Capitalised(string currency) => currency switch { "euro" => "Euro", "won" => "Won", _ => currency };

    [GeneratedRegex(@"all_analogies\['(?<category>[^']+)'\]\['template'\]\s*=\s*\((?<body>(?:\s*""[^""]*"")+)\s*\)")]
    private static partial Regex TemplateAssignment();

    [GeneratedRegex(@"""([^""]*)""")]
    private static partial Regex StringLiteral();
}
