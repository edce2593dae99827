using System.Text;
using Harness.Data.Examples;
using Harness.Data.Segmentation;

namespace Harness.Data.Readers;

/// <summary>
/// hotpotqa: HotpotQA dev (distractor setting) as a multi-passage QA prompt, the 10 paragraphs in
/// file order:
/// <code>
/// Title: {title 1}
/// {sentence 1}{sentence 2}...
///
/// Title: {title 2}
/// ...
///
/// Question: {question}
/// Answer:
/// </code>
/// A paragraph's sentences are concatenated exactly as in the file (each one after the first brings its
/// own leading space), so the paragraph reads as the original text. Sources: one per sentence, in
/// prompt order, spanning the sentence without surrounding whitespace; a whitespace-only sentence
/// (HotpotQA has a few) gets no source. Titles and the question are template, in no source.
/// SupportingSources: the sources of `supporting_facts` [title, sentence index], ascending; a fact
/// naming an unknown title, a missing sentence or an empty one fails (the file is checked, not
/// repaired). Region spans the paragraphs; Answers [answer]; Target " {answer}" (a span target when
/// the answer has several words); Task the question `type` (bridge, comparison).
/// <para>`hotpotqa_context_query` is the same context in the user prompt AT2 and ContextCite build
/// (at2/tasks/context_attribution.py SimpleContextAttributionTask, context_cite's default template):
/// <c>Context: {paragraphs}\n\nQuery: {question}</c>, meant to go through the model's chat template.</para>
/// <para>`hotpotqa_passages` is the prompt of AT2's own HotpotQA task (MadryLab/AT2
/// notebooks/multi_document_context_attribution.ipynb, HotpotQAAttributionTask): no titles, each paragraph its
/// sentences joined by one space (so a sentence that brings its own leading space is preceded by two),
/// <c>Passages:\n\n{paragraph 1}\n\n{paragraph 2}\n\n...{paragraph 10}\n\nQuery: {question}</c>. The sources
/// are AT2's: each paragraph split by <see cref="ContextSentences.At2"/> (NLTK's Punkt, `source_type="sentence"`),
/// not the file's sentences (737 of the 800 fixture paragraphs split the same; the rest differ where Punkt does,
/// e.g. after "etc.)"); the supporting sources are those that share a word with a supporting sentence.</para>
/// </summary>
internal sealed class HotpotQaReader : IDatasetReader
{
    /// <summary>How the paragraphs and the question are laid out.</summary>
    public enum Layout
    {
        /// <summary>Titled paragraphs, then "Question: ...\nAnswer:".</summary>
        Classic,

        /// <summary>"Context: {titled paragraphs}\n\nQuery: {question}" (SimpleContextAttributionTask).</summary>
        ContextQuery,

        /// <summary>"Passages:\n\n{paragraphs}\n\nQuery: {question}" (AT2's HotpotQAAttributionTask).</summary>
        At2Passages,
    }

    public const string ReaderName = "hotpotqa";

    public const string ContextQueryReaderName = "hotpotqa_context_query";

    public const string PassagesReaderName = "hotpotqa_passages";

    private readonly Layout layout;

    public HotpotQaReader(Layout layout = Layout.Classic) => this.layout = layout;

    public string Name => layout switch
    {
        Layout.ContextQuery => ContextQueryReaderName,
        Layout.At2Passages => PassagesReaderName,
        _ => ReaderName,
    };

    public IReadOnlyList<Example> Read(string path) => JsonlFile.Read(path, row =>
    {
        var prompt = new PromptBuilder();
        if (layout == Layout.ContextQuery) prompt.Append("Context: ");
        if (layout == Layout.At2Passages) prompt.Append("Passages:\n\n");
        var regionStart = prompt.Length;
        var sentenceSpans = new List<CharSpan>();
        var passageSources = new List<CharSpan>();
        var sourceOf = new Dictionary<(string Title, int Sentence), int>();
        var titles = new HashSet<string>(StringComparer.Ordinal);
        var paragraphs = row.Items("context", "a list of [title, sentences] paragraphs");
        for (var p = 0; p < paragraphs.Count; p++)
        {
            var paragraph = row.ItemsAt(paragraphs[p], $"context[{p}]", "a [title, sentences] pair");
            if (paragraph.Count != 2) throw row.Error($"context[{p}]: expected a [title, sentences] pair, found {paragraph.Count} items");
            var title = row.StringAt(paragraph[0], $"context[{p}][0]");
            if (!titles.Add(title)) throw row.Error($"context[{p}]: title \"{title}\" appears twice; expected unique titles");
            var sentences = row.ItemsAt(paragraph[1], $"context[{p}][1]", "a list of sentences");
            if (p > 0) prompt.Append("\n\n");
            if (layout != Layout.At2Passages) prompt.Append("Title: ").Append(title).Append("\n");
            var paragraphStart = prompt.Length;
            var paragraphText = new StringBuilder();
            for (var s = 0; s < sentences.Count; s++)
            {
                var sentence = row.StringAt(sentences[s], $"context[{p}][1][{s}]");
                var joiner = layout == Layout.At2Passages && s > 0 ? " " : ""; // AT2: " ".join(sentences)
                prompt.Append(joiner);
                paragraphText.Append(joiner).Append(sentence);
                var start = prompt.Length;
                prompt.Append(sentence);
                var lead = sentence.Length - sentence.TrimStart().Length;
                var trimmed = sentence.Trim();
                if (trimmed.Length == 0) continue;
                sourceOf[(title, s)] = sentenceSpans.Count;
                sentenceSpans.Add(new CharSpan(start + lead, start + lead + trimmed.Length));
            }

            // AT2 splits each passage into its sources itself (source_type="sentence": at2.utils.split_text).
            if (layout == Layout.At2Passages)
                passageSources.AddRange(ContextSentences.At2(paragraphText.ToString())
                    .Select(x => new CharSpan(x.Start + paragraphStart, x.End + paragraphStart)));
        }

        var regionEnd = prompt.Length;
        var question = row.String("question");
        if (layout == Layout.Classic) prompt.Append("\n\nQuestion: ").Append(question).Append("\nAnswer:");
        else prompt.Append("\n\nQuery: ").Append(question);

        var facts = row.Items("supporting_facts", "a list of [title, sentence index] pairs");
        var supporting = new SortedSet<int>();
        for (var f = 0; f < facts.Count; f++)
        {
            var fact = row.ItemsAt(facts[f], $"supporting_facts[{f}]", "a [title, sentence index] pair");
            if (fact.Count != 2) throw row.Error($"supporting_facts[{f}]: expected a [title, sentence index] pair, found {fact.Count} items");
            var title = row.StringAt(fact[0], $"supporting_facts[{f}][0]");
            var sentence = row.IntAt(fact[1], $"supporting_facts[{f}][1]");
            if (!sourceOf.TryGetValue((title, sentence), out var source))
                throw row.Error($"supporting_facts[{f}]: [\"{title}\", {sentence}] names no non-empty sentence of the context");
            supporting.Add(source);
        }

        var text = prompt.ToString();
        var answer = row.String("answer");
        return new Example(row.String("id"), text)
        {
            Target = " " + answer,
            Region = new CharSpan(regionStart, regionEnd),
            Sources = layout == Layout.At2Passages ? passageSources : sentenceSpans,
            SupportingSources = layout == Layout.At2Passages
                ? SupportingPassageSources(text, passageSources, supporting.Select(i => sentenceSpans[i]).ToList())
                : supporting.ToList(),
            Answers = [answer],
            Task = row.String("type"),
        };
    });

    /// <summary>The passage sources (Punkt's sentences) that share a word with a supporting sentence of the file: where the
    /// two splits disagree, a fact split in two marks both halves, and a closing quote that Punkt moves onto the previous
    /// sentence does not make that sentence supporting (the shared text must be what AT2 counts as a sentence).</summary>
    private static List<int> SupportingPassageSources(string text, List<CharSpan> sources, List<CharSpan> facts) =>
        Enumerable.Range(0, sources.Count).Where(i => facts.Any(f =>
        {
            var (start, end) = (Math.Max(f.Start, sources[i].Start), Math.Min(f.End, sources[i].End));
            return start < end && ContextSentences.IsSentence(text.AsSpan(start, end - start));
        })).ToList();
}
