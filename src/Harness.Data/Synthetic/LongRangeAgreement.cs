using Harness.Data.Examples;

namespace Harness.Data.Synthetic;

/// <summary>
/// long_range_agreement: LongRA-style agreement (Vafa et al. 2021; ReAGent Fig. 4, "When my flight
/// landed in Tennessee ... (distractor) ... I was staying in the capital, Nashville"). An opening
/// sentence holds the antecedent, one to three distractor sentences in parentheses follow, and a
/// closing sentence ends just before the target, which the antecedent decides through one of three
/// relations (place -> capital, noun -> plural, verb -> past tense; two frames each). Rationale: the
/// antecedent's span, as in the longra set. The distractors never contain a word of the relations.
/// </summary>
internal sealed class LongRangeAgreement(LongRangeAgreementOptions? options = null) : ISyntheticTask
{
    public const string TaskName = "long_range_agreement";

    private readonly LongRangeAgreementOptions options = Validated(options ?? new LongRangeAgreementOptions());

    /// <summary>An opening with the antecedent at "{a}" and a closing the target completes.</summary>
    private sealed record Frame(string Opening, string Closing, IReadOnlyList<WordPair> Pairs);

    private static readonly Frame[] Frames =
    [
        new("when my flight landed in {a} , i changed my money and slowly fell asleep .", "i was staying in the capital ,", SyntheticVocabulary.PlaceCapitals),
        new("last year my sister moved to {a} for a new job .", "now she lives in the capital ,", SyntheticVocabulary.PlaceCapitals),
        new("this morning i saw one {a} in the garden .", "by the evening there were many", SyntheticVocabulary.NounPlurals),
        new("my uncle once gave me one {a} as a gift .", "this year he gave me three", SyntheticVocabulary.NounPlurals),
        new("every morning i like to {a} before breakfast .", "but yesterday morning i", SyntheticVocabulary.VerbPasts),
        new("my friends and i often {a} in the park .", "last week we", SyntheticVocabulary.VerbPasts),
    ];

    private static readonly string[] Distractors =
    [
        "i had a terrifying dream about my grandmother , but that is a story for another time .",
        "the weather was cold and the streets were quiet .",
        "a stranger on the train told me a long story about his work .",
        "i could not find my keys for an hour .",
        "the coffee was warm and the bread was fresh .",
        "my phone battery died before noon .",
        "we talked about music until late at night .",
        "an old radio in the kitchen played a song .",
        "someone knocked on the door twice .",
        "there was a small painting on the wall .",
        "the neighbours were loud all evening .",
        "i sent a short note to my brother .",
    ];

    public string Name => TaskName;

    public IReadOnlyList<Example> Generate(int count, ulong seed) =>
        Enumerable.Range(0, count).Select(i => Create(SplitMix64.ForExample(seed, i), $"{TaskName}-{seed}-{i:D5}")).ToList();

    private static LongRangeAgreementOptions Validated(LongRangeAgreementOptions o) =>
        o.MinDistractors >= 0 && o.MaxDistractors >= o.MinDistractors && o.MaxDistractors <= Distractors.Length
            ? o
            : throw new ArgumentOutOfRangeException(nameof(o), $"distractors {o.MinDistractors}..{o.MaxDistractors}: expected 0 <= min <= max <= {Distractors.Length}");

    private Example Create(SplitMix64 random, string id)
    {
        var frame = random.Pick(Frames);
        var pair = random.Pick(frame.Pairs);
        var distractors = random.Sample(Distractors, random.Between(options.MinDistractors, options.MaxDistractors));

        var writer = new TokenWriter();
        var slot = frame.Opening.IndexOf("{a}", StringComparison.Ordinal);
        writer.Words(frame.Opening[..slot].TrimEnd());
        var antecedent = writer.Mark(pair.Antecedent);
        writer.Words(frame.Opening[(slot + 3)..].TrimStart());
        writer.Words("(");
        foreach (var distractor in distractors) writer.Words(distractor);
        writer.Words(")").Words(frame.Closing);
        return new Example(id, writer.ToString())
        {
            Target = " " + pair.Target,
            Rationale = [antecedent],
            Task = TaskName,
        };
    }
}
