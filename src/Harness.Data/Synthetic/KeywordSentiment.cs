using Harness.Data.Examples;

namespace Harness.Data.Synthetic;

/// <summary>
/// keyword_sentiment: an SST-2-style classification prompt whose label only polar keywords decide.
/// Template, lower case like the rest of the closed vocabulary:
/// <code>
/// review : {sentence}
/// reply positive or negative .
/// answer :
/// </code>
/// The sentence is an optional neutral opener and two or three "the {noun} was {adjective}" clauses
/// joined by "and"; one or two adjectives come from the label's polar lexicon, the rest are neutral.
/// Region: the sentence; Rationale: the polar keywords; Label and Target (" positive"/" negative")
/// drawn with probability 1/2; LabelSet [positive, negative].
/// </summary>
internal sealed class KeywordSentiment(KeywordSentimentOptions? options = null) : ISyntheticTask
{
    public const string TaskName = "keyword_sentiment";

    public static readonly IReadOnlyList<string> LabelSet = ["positive", "negative"];

    private static readonly string[] Openers = ["", "i watched this film last night .", "we saw this film at the cinema .", "my friend and i rented this film ."];

    private readonly KeywordSentimentOptions options = Validated(options ?? new KeywordSentimentOptions());

    public string Name => TaskName;

    public IReadOnlyList<Example> Generate(int count, ulong seed) =>
        Enumerable.Range(0, count).Select(i => Create(SplitMix64.ForExample(seed, i), $"{TaskName}-{seed}-{i:D5}")).ToList();

    private static KeywordSentimentOptions Validated(KeywordSentimentOptions o) =>
        o.MaxClauses >= 2 && o.MaxClauses <= SyntheticVocabulary.ReviewNouns.Count && o.MaxKeywords >= 1
            ? o
            : throw new ArgumentOutOfRangeException(nameof(o), $"{o.MaxClauses} clauses, {o.MaxKeywords} keywords: expected 2 <= clauses <= {SyntheticVocabulary.ReviewNouns.Count} and keywords >= 1");

    private Example Create(SplitMix64 random, string id)
    {
        var positive = random.NextBool();
        var label = positive ? "positive" : "negative";
        var clauses = random.Between(2, options.MaxClauses);
        var keywords = random.Between(1, Math.Min(options.MaxKeywords, clauses));
        var polarSlots = random.Sample(Enumerable.Range(0, clauses).ToArray(), keywords);
        var nouns = random.Sample(SyntheticVocabulary.ReviewNouns, clauses);
        var opener = random.Pick(Openers);

        var writer = new TokenWriter().Words("review :");
        var rationale = new List<CharSpan>();
        var start = writer.Length + 1; // the sentence follows "review :" and one space
        if (opener.Length > 0) writer.Words(opener);
        for (var c = 0; c < clauses; c++)
        {
            writer.Words(c == 0 ? $"the {nouns[c]} was" : $"and the {nouns[c]} was");
            if (polarSlots.Contains(c)) rationale.Add(writer.Mark(random.Pick(positive ? SyntheticVocabulary.PositiveWords : SyntheticVocabulary.NegativeWords)));
            else writer.Words(random.Pick(SyntheticVocabulary.NeutralAdjectives));
        }

        writer.Words(".");
        var region = new CharSpan(start, writer.Length);
        writer.NewLine().Words("reply positive or negative .").NewLine().Words("answer :");
        return new Example(id, writer.ToString())
        {
            Target = " " + label,
            Rationale = rationale,
            Region = region,
            Label = label,
            LabelSet = LabelSet,
            Task = TaskName,
        };
    }
}
