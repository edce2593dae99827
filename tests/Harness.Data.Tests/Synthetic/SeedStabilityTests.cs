using Harness.Data.Synthetic;

namespace Harness.Data.Tests.Synthetic;

/// <summary>Pins the first example of seed 1 of each task: a change of the PRNG, of the order of
/// draws or of a template changes every experiment's data and must be deliberate.</summary>
[Fast]
public class SeedStabilityTests
{
    [Test]
    public void Long_range_agreement_seed_1()
    {
        var e = new LongRangeAgreement().Generate(1, 1)[0];

        Assert.That(e.Id, Is.EqualTo("long_range_agreement-1-00000"));
        Assert.That(e.Prompt, Is.EqualTo("my friends and i often dance in the park . ( i sent a short note to my brother . ) last week we"));
        Assert.That(e.Target, Is.EqualTo(" danced"));
    }

    [Test]
    public void Key_value_recall_seed_1()
    {
        var e = new KeyValueRecall().Generate(1, 1)[0];

        Assert.That(e.Prompt, Is.EqualTo("the book costs nine . the ring costs one . the vase costs two . the shoe costs seven . how much does the book cost ? the book costs"));
        Assert.That(e.Target, Is.EqualTo(" nine"));
    }

    [Test]
    public void Keyword_sentiment_seed_1()
    {
        var e = new KeywordSentiment().Generate(1, 1)[0];

        Assert.That(e.Prompt, Is.EqualTo("review : the story was superb and the film was wonderful .\nreply positive or negative .\nanswer :"));
        Assert.That(e.Label, Is.EqualTo("positive"));
    }

    [Test]
    public void Multi_passage_qa_seed_1()
    {
        var e = new MultiPassageQa().Generate(1, 1)[0];

        Assert.That(e.Prompt, Is.EqualTo(
            "ben lives in osaka .\n" +
            "anna works as a singer .\n" +
            "david has a pet rabbit .\n" +
            "question : where does ben live ?\nanswer :"));
        Assert.That(e.Target, Is.EqualTo(" osaka"));
        Assert.That(e.SupportingSources, Is.EqualTo(new[] { 0 }));
    }

    [Test]
    public void Options_out_of_range_fail_when_the_task_is_made()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new LongRangeAgreement(new LongRangeAgreementOptions { MinDistractors = 3, MaxDistractors = 2 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new KeyValueRecall(new KeyValueRecallOptions { MaxPairs = 13 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new KeywordSentiment(new KeywordSentimentOptions { MaxClauses = 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new MultiPassageQa(new MultiPassageQaOptions { Passages = 11, SentencesPerPassage = 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new MultiPassageQa(new MultiPassageQaOptions { Passages = 4, SentencesPerPassage = 3 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new MultiPassageQa(new MultiPassageQaOptions { SentencesPerPassage = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new MultiPassageQa(new MultiPassageQaOptions { Passages = 0 }));
        Assert.DoesNotThrow(() => _ = new MultiPassageQa(new MultiPassageQaOptions { Passages = 5, SentencesPerPassage = 2 }).Generate(20, 1),
            "ten sentences: as many as the smallest lexicon (pets) has values");
    }

    [Test]
    public void Non_default_options_are_honoured()
    {
        var qa = new MultiPassageQa(new MultiPassageQaOptions { Passages = 2, SentencesPerPassage = 3 }).Generate(50, 9);
        var kv = new KeyValueRecall(new KeyValueRecallOptions { MinPairs = 8, MaxPairs = 8 }).Generate(50, 9);

        Assert.That(qa.Select(e => e.Sources.Count), Is.All.EqualTo(6));
        Assert.That(qa.Select(e => e.Prompt.Split('\n').Length), Is.All.EqualTo(2 + 2), "two passage lines, the question and the answer cue");
        Assert.That(kv.Select(e => e.Prompt.Split(" costs ").Length - 1), Is.All.EqualTo(8), "eight facts (the question's costs ends the prompt)");
    }
}
