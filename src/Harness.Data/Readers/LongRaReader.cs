using Harness.Data.Examples;

namespace Harness.Data.Readers;

/// <summary>
/// longra: the long-range agreement ("analogies") set of Vafa et al. 2021 as rebuilt in
/// `harness fetch dataset longra` (docs/datasets.md). Prompt and Target are the file's `prompt` and `target`; the rationale is
/// `antecedent_span`, the earlier word that decides the target, checked to spell `antecedent`;
/// Task is the Mikolov `category`; Distractor is `distractor_span` (checked to spell the parenthetical "(...)."), and
/// SingleTokenWords the analogy pair `word_a`, `word_b`, for `only_correct`'s ReAGent filter.
/// </summary>
internal sealed class LongRaReader : IDatasetReader
{
    public const string ReaderName = "longra";

    public string Name => ReaderName;

    public IReadOnlyList<Example> Read(string path) => JsonlFile.Read(path, row =>
    {
        var prompt = row.String("prompt");
        var target = TokenTargets.Checked(row, "target", row.String("target"));
        if (row.String("text") != prompt + target) throw row.Error("expected text == prompt + target");
        var antecedent = TokenTargets.SpanWithText(row, "antecedent_span", row.Span("antecedent_span"), prompt, row.String("antecedent"));
        var distractor = row.Span("distractor_span");
        if (distractor.End > prompt.Length) throw row.Error($"distractor_span: span {distractor} is outside the prompt ({prompt.Length} characters)");
        var parenthetical = prompt[distractor.Start..distractor.End];
        if (!parenthetical.StartsWith('(') || !parenthetical.EndsWith(").", StringComparison.Ordinal))
            throw row.Error($"distractor_span: span {distractor} spells \"{parenthetical}\", expected a parenthetical \"(...).\"");
        return new Example(row.String("id"), prompt)
        {
            Target = target,
            Rationale = [antecedent],
            Task = row.String("category"),
            Distractor = distractor,
            SingleTokenWords = [row.String("word_a"), AsFiltered(row.String("category"), row.String("word_b"))],
        };
    });

    /// <summary>The currency as preprocess_analogies tests it: ReAGent's data_utils.py capitalises "euro" and "won" (as the
    /// file spells them) only after its single-token filter, which sees them in lower case.</summary>
    private static string AsFiltered(string category, string word) =>
        category == "currency" ? word switch { "Euro" => "euro", "Won" => "won", _ => word } : word;
}
