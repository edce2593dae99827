using Harness.Data.Examples;

namespace Harness.Data.Readers;

/// <summary>
/// longra: the long-range agreement ("analogies") set of Vafa et al. 2021 as rebuilt in
/// `harness fetch dataset longra` (docs/datasets.md). Prompt and Target are the file's `prompt` and `target`; the rationale is
/// `antecedent_span`, the earlier word that decides the target, checked to spell `antecedent`;
/// Task is the Mikolov `category`. The distractor span has no field in <see cref="Example"/> and is
/// not carried.
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
        return new Example(row.String("id"), prompt)
        {
            Target = target,
            Rationale = [antecedent],
            Task = row.String("category"),
        };
    });
}
