using Harness.Data.Readers;

namespace Harness.Data.Tests.Readers;

[Fast]
public class ClassificationReaderTests
{
    [Test]
    public void Sst2_puts_the_sentence_in_the_template_as_the_region_with_its_label()
    {
        var examples = new Sst2Reader().Read(SharedDataset.File("sst2"));
        var raw = SharedDataset.RawRows("sst2");

        Assert.That(examples[0].Prompt, Is.EqualTo("Review: unflinchingly bleak and desperate\nIs this review positive or negative? Reply positive or negative.\nAnswer:"));
        for (var i = 0; i < raw.Count; i++)
        {
            var e = examples[i];
            var region = e.Region!.Value;
            Assert.That(e.Prompt[region.Start..region.End], Is.EqualTo(raw[i].GetProperty("sentence").GetString()), e.Id);
            Assert.That(e.Label, Is.EqualTo(raw[i].GetProperty("label").GetInt32() == 1 ? "positive" : "negative"), e.Id);
            Assert.That(e.Target, Is.EqualTo(" " + e.Label));
            Assert.That(e.LabelSet, Is.EqualTo(new[] { "positive", "negative" }));
        }

        Assert.That(examples.Count(e => e.Label == "positive"), Is.EqualTo(355), "label counts of the README's split");
    }

    [Test]
    public void Imdb_reviews_become_the_region_with_html_breaks_as_newlines()
    {
        var examples = new ImdbReader().Read(SharedDataset.File("imdb"));
        var raw = SharedDataset.RawRows("imdb");

        for (var i = 0; i < raw.Count; i++)
        {
            var region = examples[i].Region!.Value;
            var text = raw[i].GetProperty("text").GetString()!;
            Assert.That(examples[i].Prompt[region.Start..region.End], Is.EqualTo(text.Replace("<br />", "\n")), examples[i].Id);
            Assert.That(examples[i].Prompt, Does.Not.Contain("<br />"));
            Assert.That(examples[i].Label, Is.EqualTo(raw[i].GetProperty("label_text").GetString()));
        }

        Assert.That(examples[0].Prompt, Does.Contain("punchlines.\n\nAt first"));
        Assert.That(examples.Count(e => e.Label == "positive"), Is.EqualTo(200));
    }

    [Test]
    public void BoolQ_asks_the_question_after_the_passage_and_labels_yes_or_no()
    {
        var examples = new BoolQReader().Read(SharedDataset.File("boolq"));
        var raw = SharedDataset.RawRows("boolq");

        Assert.That(examples[0].Prompt, Does.StartWith("Passage: U.S. Route 20 -- U.S. Highway 20 (US 20) is")
            .And.EndWith("unnumbered roads used to traverse the park.\nQuestion: is there an interstate that goes coast to coast?\nReply yes or no.\nAnswer:"));
        for (var i = 0; i < raw.Count; i++)
        {
            var e = examples[i];
            var region = e.Region!.Value;
            Assert.That(e.Prompt[region.Start..region.End], Is.EqualTo(raw[i].GetProperty("passage").GetString()), e.Id);
            Assert.That(e.Label, Is.EqualTo(raw[i].GetProperty("answer").GetBoolean() ? "yes" : "no"), e.Id);
            Assert.That(e.Target, Is.EqualTo(" " + e.Label));
        }
    }
}
