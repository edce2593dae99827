using Harness.Data.Synthetic;
using static Harness.Data.Tests.Synthetic.SyntheticTaskTests;

namespace Harness.Data.Tests.Synthetic;

/// <summary>Each task's rule, checked on 1,000 examples: the rationale spells the deciding words, and
/// those words alone determine the target.</summary>
[Fast]
public class TaskRuleTests
{
    private const int Count = 1000;

    [Test]
    public void Long_range_agreement_target_is_the_relation_image_of_the_single_antecedent()
    {
        var relations = new[] { SyntheticVocabulary.PlaceCapitals, SyntheticVocabulary.NounPlurals, SyntheticVocabulary.VerbPasts };
        var image = relations.SelectMany(r => r).ToDictionary(p => p.Antecedent, p => p.Target);
        var relationWords = relations.SelectMany(r => r).SelectMany(p => new[] { p.Antecedent, p.Target }).ToHashSet();
        var examples = new LongRangeAgreement().Generate(Count, 21);

        foreach (var e in examples)
        {
            var antecedent = Text(e, e.Rationale.Single());
            Assert.That(image, Does.ContainKey(antecedent), e.Prompt);
            Assert.That(e.Target, Is.EqualTo(" " + image[antecedent]), e.Prompt);
            Assert.That(Tokens(e.Prompt).Count(relationWords.Contains), Is.EqualTo(1), $"the antecedent is the prompt's only relation word: {e.Prompt}");
            var distractors = e.Prompt[(e.Prompt.IndexOf('(') + 1)..e.Prompt.IndexOf(')')];
            Assert.That(Tokens(distractors).Count(t => t == "."), Is.InRange(1, 3), e.Prompt);
            Assert.That(e.Rationale.Single().End, Is.LessThan(e.Prompt.IndexOf('(')), "the antecedent comes before the distractors");
        }

        Assert.That(relations.Select(r => examples.Count(e => r.Any(p => " " + p.Target == e.Target))), Is.All.GreaterThan(250), "every relation is used");
    }

    [Test]
    public void Key_value_recall_target_is_the_value_stored_with_the_queried_key()
    {
        foreach (var e in new KeyValueRecall().Generate(Count, 22))
        {
            // The facts as the prompt states them: "the {key} costs {value} ." before the question.
            var question = e.Prompt.IndexOf(" how much does the ", StringComparison.Ordinal);
            var facts = e.Prompt[..question].Split(" .", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(f => f.Split(' ')).ToList();
            Assert.That(facts.Select(f => f.Length), Is.All.EqualTo(4), e.Prompt);
            var valueOf = facts.ToDictionary(f => f[1], f => f[3]);
            Assert.That(facts.Select(f => f[3]), Is.Unique, e.Prompt);
            Assert.That(facts, Has.Count.InRange(3, 6));
            var queried = Tokens(e.Prompt[question..])[4];

            Assert.That(e.Rationale, Has.Count.EqualTo(2));
            Assert.That(Text(e, e.Rationale[0]), Is.EqualTo(queried), e.Prompt);
            Assert.That(Text(e, e.Rationale[1]), Is.EqualTo(valueOf[queried]), e.Prompt);
            Assert.That(e.Target, Is.EqualTo(" " + valueOf[queried]), e.Prompt);
            Assert.That(e.Prompt[e.Rationale[0].End..e.Rationale[1].Start], Is.EqualTo(" costs "), "key and value of one fact");
        }
    }

    [Test]
    public void Keyword_sentiment_label_is_the_polarity_of_its_keywords_and_no_other_word_is_polar()
    {
        var positive = SyntheticVocabulary.PositiveWords.ToHashSet();
        var negative = SyntheticVocabulary.NegativeWords.ToHashSet();
        var examples = new KeywordSentiment().Generate(Count, 23);

        foreach (var e in examples)
        {
            var region = e.Region!.Value;
            var keywords = e.Rationale.Select(s => Text(e, s)).ToList();
            Assert.That(keywords, Has.Count.InRange(1, 2));
            var lexicon = e.Label == "positive" ? positive : negative;
            Assert.That(keywords.All(lexicon.Contains), Is.True, e.Prompt);
            Assert.That(e.Rationale, Is.All.Matches<Examples.CharSpan>(s => s.Start >= region.Start && s.End <= region.End));
            Assert.That(Tokens(Text(e, region)).Count(t => positive.Contains(t) || negative.Contains(t)), Is.EqualTo(keywords.Count), $"only the keywords are polar: {e.Prompt}");
            Assert.That(e.Target, Is.EqualTo(" " + e.Label));
            Assert.That(e.LabelSet, Is.EqualTo(new[] { "positive", "negative" }));
            Assert.That(e.Prompt, Is.EqualTo($"review : {Text(e, region)}\nreply positive or negative .\nanswer :"));
        }

        Assert.That(examples.Count(e => e.Label == "positive"), Is.InRange(450, 550), "labels are balanced");
    }

    [Test]
    public void Multi_passage_qa_supporting_sentence_is_the_only_one_about_the_asked_person()
    {
        var options = new MultiPassageQaOptions();
        var sentences = options.Passages * options.SentencesPerPassage;
        var examples = new MultiPassageQa(options).Generate(Count, 24);

        foreach (var e in examples)
        {
            var answer = e.Target![1..];
            var question = Tokens(e.Prompt[e.Region!.Value.End..]);
            var person = question[5] == "live" ? question[4] : question[5];
            var supporting = e.SupportingSources.Single();
            var sources = e.Sources.Select(s => Tokens(Text(e, s))).ToList();

            Assert.That(e.Sources, Has.Count.EqualTo(sentences));
            Assert.That(e.Prompt[..e.Region.Value.End].Split('\n'), Has.Length.EqualTo(options.Passages), "one line per passage");
            Assert.That(e.Answers, Is.EqualTo(new[] { answer }));
            Assert.That(sources[supporting][0], Is.EqualTo(person), "the supporting sentence is about the asked person");
            Assert.That(sources.Where((_, s) => s != supporting), Has.None.Contains(person), $"no other sentence names the asked person: {e.Prompt}");
            Assert.That(Tokens(e.Prompt).Count(t => t == answer), Is.EqualTo(1), $"the answer occurs in the supporting sentence only: {e.Prompt}");
            Assert.That(sources[supporting], Does.Contain(answer), e.Prompt);
            var fact = question[3] == "does" ? "lives" : question[3] == "job" ? "works" : "has";
            Assert.That(sources[supporting][1], Is.EqualTo(fact), $"the sentence states the asked fact: {e.Prompt}");
            Assert.That(e.Rationale.Select(s => Text(e, s)), Is.EqualTo(new[] { person, answer }));
            var source = e.Sources[supporting];
            Assert.That(e.Rationale, Is.All.Matches<Examples.CharSpan>(s => s.Start >= source.Start && s.End <= source.End));
        }

        var expected = Count / sentences;
        Assert.That(examples.GroupBy(e => e.SupportingSources[0]).Select(g => g.Count()), Has.Exactly(sentences).InRange(expected * 3 / 4, expected * 5 / 4),
            "the supporting sentence is at every position");
        Assert.That(examples.GroupBy(e => Tokens(e.Prompt[e.Region!.Value.End..])[3]).Select(g => g.Count()), Has.Exactly(3).InRange(280, 390),
            "the three questions are asked equally often");
    }
}
