using Harness.Data.Examples;

namespace Harness.Data.Synthetic;

/// <summary>
/// multi_passage_qa: passages about different people, one line each, every passage stating the same
/// three facts in random order ("the city of {person} is {city} .", "the job of {person} is {job} .",
/// "the pet of {person} is {pet} ."), then
/// <code>
/// question : what is the {city | job | pet} of P ?
/// answer : the {city | job | pet} of P is
/// </code>
/// Values are distinct across passages, so the answer word occurs in the supporting sentence only.
/// The answer restates the question up to the value, as key_value_recall's "the {item} costs" does
/// (harness choice: with "{person} lives in {city} ." and "answer :" the 0.86M-parameter decoder
/// always answered a value of the asked type but from a random passage, 32% held out after 4000
/// steps; with the person two tokens before the value the answer is key_value_recall's lookup).
/// Sources: one per sentence (with its period); SupportingSources: the sentence stating the asked
/// fact of the asked person; Region: the passages; Answers [answer] and Target " {answer}"; Rationale:
/// the person and the answer in the supporting sentence.
/// </summary>
public sealed class MultiPassageQa(MultiPassageQaOptions? options = null) : ISyntheticTask
{
    public const string TaskName = "multi_passage_qa";

    /// <summary>A fact type: the noun naming it ("the {Noun} of {p} is {v} ."), its value lexicon.</summary>
    private sealed record Fact(string Noun, IReadOnlyList<string> Values)
    {
        public string Sentence => $"the {Noun} of {{p}} is {{v}} .";
    }

    private static readonly Fact[] Facts =
    [
        new("city", SyntheticVocabulary.Cities),
        new("job", SyntheticVocabulary.Jobs),
        new("pet", SyntheticVocabulary.Pets),
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
                var start = writer.NextTokenStart;
                var (person, value) = WriteFact(writer, Facts[f].Sentence, people[p], values[f][p]);
                var sentence = new CharSpan(start, writer.Length);
                if (p == gold && f == asked)
                {
                    supporting = sources.Count;
                    rationale.AddRange([person, value]);
                }

                sources.Add(sentence);
            }
        }

        var region = new CharSpan(0, writer.Length);
        var noun = Facts[asked].Noun;
        writer.NewLine().Words($"question : what is the {noun} of {people[gold]} ?").NewLine().Words($"answer : the {noun} of {people[gold]} is");
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

    /// <summary>Writes a fact sentence; returns the spans of the person and the value.</summary>
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
