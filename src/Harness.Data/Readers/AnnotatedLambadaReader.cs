using Harness.Data.Examples;

namespace Harness.Data.Readers;

/// <summary>
/// reagent_annotated_lambada: LAMBADA passages with human rationales (Vafa et al. 2021, used by
/// ReAGent). Prompt and Target are the file's `prompt` and `target` (the final word); the rationale
/// is `rationale_spans` in file order (the annotation's order, kept as is), each checked to lie in
/// the prompt and to spell the matching `rationale_words` entry.
/// </summary>
internal sealed class AnnotatedLambadaReader : IDatasetReader
{
    public const string ReaderName = "reagent_annotated_lambada";

    public string Name => ReaderName;

    public IReadOnlyList<Example> Read(string path) => JsonlFile.Read(path, row =>
    {
        var prompt = row.String("prompt");
        var target = TokenTargets.Checked(row, "target", row.String("target"));
        if (row.String("text") != prompt + target) throw row.Error("expected text == prompt + target");
        var spans = row.Spans("rationale_spans");
        var words = row.Strings("rationale_words");
        if (words.Count != spans.Count) throw row.Error($"expected one rationale word per span, found {words.Count} words for {spans.Count} spans");
        var rationale = spans.Select((span, i) => TokenTargets.SpanWithText(row, $"rationale_spans[{i}]", span, prompt, words[i])).ToList();
        return new Example(row.String("id"), prompt) { Target = target, Rationale = rationale };
    });
}
