using Harness.Data.Examples;

namespace Harness.Data.Synthetic;

/// <summary>
/// multi_passage_qa: passages about different people, one line each, every passage stating the same
/// three facts in random order ("{person} lives in {city} .", "{person} works as a {job} .",
/// "{person} has a pet {pet} ."), then
/// <code>
/// question : {where does P live ? | what job does P have ? | what pet does P have ?}
/// answer :
/// </code>
/// Values are distinct across passages, so the answer word occurs in the supporting sentence only.
/// Sources: one per sentence (with its period); SupportingSources: the sentence stating the asked
/// fact of the asked person; Region: the passages; Answers [answer] and Target " {answer}"; Rationale:
/// the person and the answer in the supporting sentence.
/// Tried and not adopted: "the {city | job | pet} of P is V ." with the answer restating the question up
/// to the value ("answer : the city of P is"), key-value recall's lookup with the person two tokens before
/// the value. In the four-task mix it slowed key-value recall (53-57% from step 2500 to 3250, where this format's mix
/// has 100%) and multi-passage QA stayed at 26-34%.
/// </summary>
public sealed class MultiPassageQa(MultiPassageQaOptions? options = null) : ISyntheticTask
{
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

    public string Name => TaskName;

    public IReadOnlyList<Example> Generate(int count, ulong seed) =>
        Enumerable.Range(0, count).Select(i => Create(SplitMix64.ForExample(seed, i), $"{TaskName}-{seed}-{i:D5}")).ToList();

    private static MultiPassageQaOptions Validated(MultiPassageQaOptions o)
    {
        var most = Math.Min(SyntheticVocabulary.People.Count, Facts.Min(f => f.Values.Count));
        return o.Passages >= 1 && o.Passages <= most
            ? o
            : throw new ArgumentOutOfRangeException(nameof(o), $"{o.Passages} passages: expected 1..{most} (distinct people and values)");
    }

    private Example Create(SplitMix64 random, string id)
    {
        var passages = options.Passages;
        var people = random.Sample(SyntheticVocabulary.People, passages);
        var values = Facts.Select(f => random.Sample(f.Values, passages)).ToArray(); // [fact][passage]
        var asked = random.Next(Facts.Length);
        var gold = random.Next(passages);

        var writer = new TokenWriter();
        var sources = new List<CharSpan>();
        var rationale = new List<CharSpan>();
        var supporting = -1;
        for (var p = 0; p < passages; p++)
        {
            if (p > 0) writer.NewLine();
            foreach (var f in random.Sample(Enumerable.Range(0, Facts.Length).ToArray(), Facts.Length))
            {
                var (person, value) = WriteFact(writer, Facts[f].Sentence, people[p], values[f][p]);
                var sentence = new CharSpan(person.Start, writer.Length); // the sentence starts with the person
                if (p == gold && f == asked)
                {
                    supporting = sources.Count;
                    rationale.AddRange([person, value]);
                }

                sources.Add(sentence);
            }
        }

        var region = new CharSpan(0, writer.Length);
        writer.NewLine().Words("question :").Words(Facts[asked].Question.Replace("{p}", people[gold], StringComparison.Ordinal)).NewLine().Words("answer :");
        var answer = values[asked][gold];
        return new Example(id, writer.ToString())
        {
            Target = " " + answer,
            Rationale = rationale,
            Region = region,
            Sources = sources,
            SupportingSources = [supporting],
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
