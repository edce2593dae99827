using Harness.Data.Examples;
using Harness.Data.Synthetic;

namespace Harness.Data.Tests.Synthetic;

/// <summary>What every synthetic task promises, checked on 1,000 examples of each.</summary>
[Fast]
public class SyntheticTaskTests
{
    private const int Count = 1000;

    private static readonly string[] TaskNames = ["long_range_agreement", "key_value_recall", "keyword_sentiment", "multi_passage_qa"];

    private static IEnumerable<string> Names => TaskNames;

    [Test]
    public void The_registry_lists_each_task_once_under_its_own_name()
    {
        Assert.That(SyntheticTasks.Names, Is.EqualTo(TaskNames));
        foreach (var task in SyntheticTasks.All) Assert.That(SyntheticTasks.Get(task.Name), Is.SameAs(task));
        var error = Assert.Throws<ArgumentException>(() => SyntheticTasks.Get("longra"))!;
        Assert.That(error.Message, Does.Contain("'longra'").And.Contain("long_range_agreement, key_value_recall, keyword_sentiment, multi_passage_qa"));
    }

    [TestCaseSource(nameof(Names))]
    public void The_same_seed_gives_the_same_examples_and_a_smaller_count_a_prefix(string name)
    {
        var task = SyntheticTasks.Get(name);

        var first = task.Generate(200, 7);
        var second = task.Generate(200, 7);
        var prefix = task.Generate(50, 7);

        Assert.That(second.Select(Describe), Is.EqualTo(first.Select(Describe)));
        Assert.That(prefix.Select(Describe), Is.EqualTo(first.Take(50).Select(Describe)));
    }

    [TestCaseSource(nameof(Names))]
    public void Different_seeds_give_different_examples(string name)
    {
        var task = SyntheticTasks.Get(name);

        var a = task.Generate(100, 1).Select(e => e.Prompt + e.Target).ToList();
        var b = task.Generate(100, 2).Select(e => e.Prompt + e.Target).ToList();

        Assert.That(a.Zip(b).Count(p => p.First != p.Second), Is.GreaterThan(90));
        Assert.That(a.Distinct().Count(), Is.GreaterThan(90), "examples of one seed vary");
    }

    [TestCaseSource(nameof(Names))]
    public void Every_emitted_token_is_in_the_closed_vocabulary(string name)
    {
        var known = SyntheticVocabulary.Words.Concat(SyntheticVocabulary.Punctuation).ToHashSet(StringComparer.Ordinal);

        var unknown = SyntheticTasks.Get(name).Generate(Count, 3)
            .SelectMany(e => Tokens(e.Prompt + e.Target)).Where(t => !known.Contains(t)).Distinct().ToList();

        Assert.That(unknown, Is.Empty);
    }

    [TestCaseSource(nameof(Names))]
    public void Prompts_are_short_and_targets_one_word_with_a_leading_space(string name)
    {
        foreach (var e in SyntheticTasks.Get(name).Generate(Count, 4))
        {
            Assert.That(Tokens(e.Prompt).Count(t => !SyntheticVocabulary.Punctuation.Contains(t)), Is.LessThan(60), e.Prompt);
            Assert.That(Tokens(e.Prompt + e.Target).Count, Is.LessThanOrEqualTo(100), "room for a BOS in a context of 128");
            Assert.That(e.Target, Does.Match("^ [a-z]+$"), e.Id);
            Assert.That(e.Prompt, Does.Not.EndWith(" ").And.Not.StartWith(" "));
            Assert.That(e.Rationale, Is.Not.Empty, e.Id);
            Assert.That(e.Task, Is.EqualTo(name));
        }
    }

    [TestCaseSource(nameof(Names))]
    public void Ids_are_unique_and_every_span_lies_in_the_prompt_on_word_boundaries(string name)
    {
        var examples = SyntheticTasks.Get(name).Generate(Count, 5);

        Assert.That(examples.Select(e => e.Id), Is.Unique);
        foreach (var e in examples)
            foreach (var span in e.Rationale.Concat(e.Sources).Concat(e.Region is { } r ? [r] : []))
            {
                Assert.That(span.Start >= 0 && span.End <= e.Prompt.Length && span.Length > 0, Is.True, $"{e.Id} {span}");
                Assert.That(span.Start == 0 || char.IsWhiteSpace(e.Prompt[span.Start - 1]), Is.True, $"{e.Id} {span} starts inside a word");
                Assert.That(span.End == e.Prompt.Length || char.IsWhiteSpace(e.Prompt[span.End]), Is.True, $"{e.Id} {span} ends inside a word");
            }
    }

    [Test]
    public void SplitMix64_matches_the_reference_sequence()
    {
        // Source: prng.di.unimi.it/splitmix64.c with x = 0, its first three outputs.
        var random = new SplitMix64(0);

        Assert.That(new[] { random.NextUInt64(), random.NextUInt64(), random.NextUInt64() },
            Is.EqualTo(new[] { 0xE220A8397B1DCDAFUL, 0x6E789E6AA1B965F4UL, 0x06C45D188009454FUL }));
    }

    [Test]
    public void SplitMix64_draws_are_in_range_and_reach_every_value()
    {
        var random = new SplitMix64(11);
        var seen = new int[7];
        for (var i = 0; i < 7000; i++) seen[random.Next(7)]++;

        Assert.That(seen, Is.All.InRange(850, 1150));
        Assert.That(random.Sample(Enumerable.Range(0, 10).ToArray(), 10), Is.EquivalentTo(Enumerable.Range(0, 10)));
    }

    /// <summary>Whitespace-separated tokens: the synthetic prompts' WordLevel tokenisation.</summary>
    internal static string[] Tokens(string text) => text.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries);

    internal static string Text(Example e, CharSpan span) => e.Prompt[span.Start..span.End];

    private static string Describe(Example e) =>
        string.Join("|", e.Id, e.Prompt, e.Target, string.Join(",", e.Rationale), e.Region, string.Join(",", e.Sources),
            string.Join(",", e.SupportingSources), e.Label, string.Join(",", e.Answers));
}
