using Harness.Data.Examples;

namespace Harness.Data.Synthetic;

/// <summary>
/// multi_passage_qa: one line per passage, each of its sentences (one by default) stating one fact, of a
/// random type, about a person no other sentence names ("{person} lives in {city} .",
/// "{person} works as a {job} .", "{person} has a pet {pet} ."), then
/// <code>
/// question : {where does P live ? | what job does P have ? | what pet does P have ?}
/// answer :
/// </code>
/// Values of a type are distinct across sentences, so the answer word occurs in the supporting sentence
/// only; the other passages are distractors, with facts of the same types. Sources: one per sentence (with
/// its period); SupportingSources: the sentence about the asked person; Region: the passages; Answers
/// [answer] and Target " {answer}"; Rationale: the person and the answer in the supporting sentence.
/// Harness choice: the form the embedded 0.86M decoder learns on one CPU thread (README, "The embedded models").
/// Forms tried and not adopted (its held-out accuracy, 200 test examples):
/// - every passage about one person stating all three facts, so that the question's person picks a passage
///   and its type a sentence: 30-40% trained alone for 2000 steps (the person's passage found, the type's
///   sentence not), 32% at 4000 steps in the four-task mix;
/// - that form as "the {city | job | pet} of P is V ." with the answer restating the question up to the value
///   ("answer : the city of P is"): 26-34% in the mix, and key-value recall slowed (53-57% from step 2500 to 3250);
/// - two sentences per passage (six people), in the weighted mix: 40-46% through step 5000 of an 8000-step
///   run, then 67% at 6000 and 85% at 8000 (one sentence per passage passes 95% near step 4500); with the
///   answer cue restating the sentence up to its value ("answer : P lives in") 41-46.5% through step 2500.
/// </summary>
public sealed class MultiPassageQa(MultiPassageQaOptions? options = null) : ISyntheticTask
{
    /// <summary>The task's experiment-YAML name.</summary>
    public const string TaskName = "multi_passage_qa";

    /// <summary>A fact type: its sentence around {p} and {v}, its question about {p}, its value lexicon.</summary>
    private sealed record Fact(string Sentence, string Question, IReadOnlyList<string> Values);

    private static readonly Fact[] Facts =
    [
        new("{p} lives in {v} .", "where does {p} live ?", SyntheticVocabulary.Cities),
        new("{p} works as a {v} .", "what job does {p} have ?", SyntheticVocabulary.Jobs),
        new("{p} has a pet {v} .", "what pet does {p} have ?", SyntheticVocabulary.Pets),
    ];

    private readonly MultiPassageQaOptions options = Validated(options ?? new MultiPassageQaOptions());

    /// <inheritdoc/>
    public string Name => TaskName;

    /// <inheritdoc/>
    public IReadOnlyList<Example> Generate(int count, ulong seed) =>
        Enumerable.Range(0, count).Select(i => Create(SplitMix64.ForExample(seed, i), $"{TaskName}-{seed}-{i:D5}")).ToList();

    private static MultiPassageQaOptions Validated(MultiPassageQaOptions o)
    {
        // Every sentence has its own person, and a value of each type may be needed by every sentence.
        var most = Math.Min(SyntheticVocabulary.People.Count, Facts.Min(f => f.Values.Count));
        if (o.Passages < 1 || o.SentencesPerPassage < 1 || o.Passages * o.SentencesPerPassage > most)
            throw new ArgumentOutOfRangeException(nameof(o),
                $"{o.Passages} passages of {o.SentencesPerPassage} sentences: expected at least one of each and at most {most} sentences in all (distinct people and values)");
        return o;
    }

    private Example Create(SplitMix64 random, string id)
    {
        var count = options.Passages * options.SentencesPerPassage;
        var people = random.Sample(SyntheticVocabulary.People, count);
        var values = Facts.Select(f => random.Sample(f.Values, count)).ToArray(); // [fact][sentence]
        var types = Enumerable.Range(0, count).Select(_ => random.Next(Facts.Length)).ToArray();
        var gold = random.Next(count);

        var writer = new TokenWriter();
        var sources = new List<CharSpan>();
        var rationale = new List<CharSpan>();
        for (var s = 0; s < count; s++)
        {
            if (s > 0 && s % options.SentencesPerPassage == 0) writer.NewLine();
            var (person, value) = WriteFact(writer, Facts[types[s]].Sentence, people[s], values[types[s]][s]);
            sources.Add(new CharSpan(person.Start, writer.Length)); // the sentence starts with the person
            if (s == gold) rationale.AddRange([person, value]);
        }

        var region = new CharSpan(0, writer.Length);
        var asked = Facts[types[gold]];
        writer.NewLine().Words("question :").Words(asked.Question.Replace("{p}", people[gold], StringComparison.Ordinal)).NewLine().Words("answer :");
        var answer = values[types[gold]][gold];
        return new Example(id, writer.ToString())
        {
            Target = " " + answer,
            Rationale = rationale,
            Region = region,
            Sources = sources,
            SupportingSources = [gold],
            Answers = [answer],
            Task = TaskName,
        };
    }

    /// <summary>Writes a fact sentence whose first token is {p}; returns the spans of the person and the value.</summary>
    private static (CharSpan Person, CharSpan Value) WriteFact(TokenWriter writer, string sentence, string person, string value)
    {
        CharSpan personSpan = default, valueSpan = default;
        foreach (var token in sentence.Split(' '))
        {
            if (token == "{p}") personSpan = writer.Mark(person);
            else if (token == "{v}") valueSpan = writer.Mark(value);
            else writer.Words(token);
        }

        return (personSpan, valueSpan);
    }
}
