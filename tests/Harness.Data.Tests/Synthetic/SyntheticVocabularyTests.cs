using Harness.Data.Synthetic;

namespace Harness.Data.Tests.Synthetic;

[Fast]
public class SyntheticVocabularyTests
{
    [Test]
    public void Words_are_distinct_lower_case_letters_in_ordinal_order()
    {
        Assert.That(SyntheticVocabulary.Words, Is.Unique);
        Assert.That(SyntheticVocabulary.Words, Is.All.Match("^[a-z]+$"));
        Assert.That(SyntheticVocabulary.Words, Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal));
        Assert.That(SyntheticVocabulary.Punctuation, Is.All.Length.EqualTo(1).And.All.Not.Match("[a-z]"));
        Assert.That(SyntheticVocabulary.Words.Count + SyntheticVocabulary.Punctuation.Count, Is.LessThan(512), "small enough for a tiny model's embedding");
    }

    [Test]
    public void Lexicons_that_decide_answers_do_not_overlap_within_their_task()
    {
        var relations = new[] { SyntheticVocabulary.PlaceCapitals, SyntheticVocabulary.NounPlurals, SyntheticVocabulary.VerbPasts }.SelectMany(r => r).ToList();
        Assert.That(relations.Select(p => p.Antecedent).Concat(relations.Select(p => p.Target)), Is.Unique, "an antecedent decides one target and no target is an antecedent");

        Assert.That(SyntheticVocabulary.PositiveWords.Concat(SyntheticVocabulary.NegativeWords).Concat(SyntheticVocabulary.NeutralAdjectives), Is.Unique);
        Assert.That(SyntheticVocabulary.People.Concat(SyntheticVocabulary.Cities).Concat(SyntheticVocabulary.Jobs).Concat(SyntheticVocabulary.Pets), Is.Unique);
        Assert.That(SyntheticVocabulary.Items.Concat(SyntheticVocabulary.Numbers), Is.Unique);
    }

    [Test]
    public void Template_words_hold_no_word_that_decides_an_answer()
    {
        var deciding = new[] { SyntheticVocabulary.PlaceCapitals, SyntheticVocabulary.NounPlurals, SyntheticVocabulary.VerbPasts }
            .SelectMany(r => r).SelectMany(p => new[] { p.Antecedent, p.Target })
            .Concat(SyntheticVocabulary.PositiveWords).Concat(SyntheticVocabulary.NegativeWords)
            .Concat(SyntheticVocabulary.Cities).Concat(SyntheticVocabulary.Jobs).Concat(SyntheticVocabulary.Pets).Concat(SyntheticVocabulary.Items);

        Assert.That(SyntheticVocabulary.TemplateWords.Intersect(deciding), Is.Empty);
    }
}
