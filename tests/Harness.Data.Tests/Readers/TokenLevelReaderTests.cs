using Harness.Data.Readers;

namespace Harness.Data.Tests.Readers;

[Fast]
public class TokenLevelReaderTests
{
    [Test]
    public void LongRa_rationale_is_the_antecedent_on_every_row_and_the_target_completes_the_text()
    {
        var examples = new LongRaReader().Read(SharedDataset.File("longra"));
        var raw = SharedDataset.RawRows("longra");

        for (var i = 0; i < raw.Count; i++)
        {
            var e = examples[i];
            var span = e.Rationale.Single();
            Assert.That(e.Prompt[span.Start..span.End], Is.EqualTo(raw[i].GetProperty("antecedent").GetString()), e.Id);
            Assert.That(e.Prompt + e.Target, Is.EqualTo(raw[i].GetProperty("text").GetString()), e.Id);
            Assert.That(e.Task, Is.EqualTo(raw[i].GetProperty("category").GetString()));
        }

        Assert.That(examples[0].Target, Is.EqualTo(" Athens"));
        Assert.That(examples[0].Prompt[examples[0].Rationale[0].Start..examples[0].Rationale[0].End], Is.EqualTo("Greece"));
    }

    [Test]
    public void LongRa_carries_the_distractor_and_the_pair_as_ReAGents_filter_tests_it()
    {
        var examples = new LongRaReader().Read(SharedDataset.File("longra"));
        var raw = SharedDataset.RawRows("longra");

        for (var i = 0; i < raw.Count; i++)
        {
            var (e, row) = (examples[i], raw[i]);
            var parenthetical = e.Prompt[e.Distractor!.Value.Start..e.Distractor.Value.End];
            Assert.That(parenthetical, Does.StartWith("(").And.EndWith(")."), e.Id);
            // preprocess_analogies tests the currencies before data_utils.py capitalises euro and won.
            var b = row.GetProperty("word_b").GetString()!;
            Assert.That(e.SingleTokenWords, Is.EqualTo(new[] { row.GetProperty("word_a").GetString(), b is "Euro" or "Won" ? b.ToLowerInvariant() : b }), e.Id);
        }

        Assert.That(examples.Single(e => e.Prompt.Contains("Korea", StringComparison.Ordinal) && e.Task == "currency").SingleTokenWords,
            Is.EqualTo(new[] { "Korea", "won" }), "the file's \"Won\", as the filter saw it");
    }

    [Test]
    public void Lambada_rationale_spans_spell_the_annotated_words_on_every_row()
    {
        var examples = new AnnotatedLambadaReader().Read(SharedDataset.File("reagent_annotated_lambada"));
        var raw = SharedDataset.RawRows("reagent_annotated_lambada");

        for (var i = 0; i < raw.Count; i++)
        {
            var e = examples[i];
            var words = raw[i].GetProperty("rationale_words").EnumerateArray().Select(w => w.GetString()).ToList();
            Assert.That(e.Rationale.Select(s => e.Prompt[s.Start..s.End]), Is.EqualTo(words), e.Id);
            Assert.That(e.Target, Is.EqualTo(" " + raw[i].GetProperty("target_word").GetString()), e.Id);
            Assert.That(e.Rationale, Is.Not.Empty, e.Id);
        }
    }

    [Test]
    public void Sequence_level_sets_have_prompts_and_no_target()
    {
        foreach (var name in new[] { "reagent_tellmewhy2", "reagent_wikitext", "wikibio" })
        {
            var examples = DatasetReaders.Get(name).Read(SharedDataset.File(name));
            Assert.That(examples.Select(e => e.Target), Is.All.Null, name);
            Assert.That(examples.Select(e => e.Rationale.Count), Is.All.EqualTo(0), name);
        }

        var tellMeWhy = new TellMeWhyReader().Read(SharedDataset.File("reagent_tellmewhy2"));
        Assert.That(tellMeWhy[0].Prompt, Does.StartWith("Jay took a trip").And.EndWith("Why did He go ?"));
    }

    [Test]
    public void WikiBio_renders_the_infobox_one_field_a_line_with_brackets_restored()
    {
        var examples = new WikiBioReader().Read(SharedDataset.File("wikibio"));
        var raw = SharedDataset.RawRows("wikibio");
        var first = examples[0];

        Assert.That(first.Prompt, Does.StartWith("title: aaron hohlbein\nname: aaron hohlbein\nfullname: aaron hohlbein\nbirth_date: 16 august 1985\n"));
        Assert.That(first.Prompt, Does.Contain("miami fc ( loan ) fort lauderdale strikers\n").And.EndWith("\npcupdate: june 4 , 2011\nbiography:"));
        for (var i = 0; i < raw.Count; i++)
        {
            var lines = examples[i].Prompt.Split('\n');
            Assert.That(lines, Has.Length.EqualTo(raw[i].GetProperty("infobox").GetArrayLength() + 2), examples[i].Id);
            Assert.That(examples[i].Prompt, Does.Not.Contain("-lrb-").And.Not.Contain("-rrb-"), examples[i].Id);
        }
    }
}
