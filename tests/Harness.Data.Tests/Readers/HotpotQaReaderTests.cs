using Harness.Data.Readers;

namespace Harness.Data.Tests.Readers;

[Fast]
public class HotpotQaReaderTests
{
    [Test]
    public void Every_sentence_is_a_source_and_supporting_facts_point_at_theirs()
    {
        var examples = new HotpotQaReader().Read(SharedDataset.File("hotpotqa"));
        var raw = SharedDataset.RawRows("hotpotqa");

        for (var i = 0; i < raw.Count; i++)
        {
            var e = examples[i];
            var sentences = raw[i].GetProperty("context").EnumerateArray()
                .SelectMany(p => p[1].EnumerateArray().Select((s, k) => (Title: p[0].GetString()!, Index: k, Text: s.GetString()!.Trim())))
                .Where(s => s.Text.Length > 0).ToList();
            Assert.That(e.Sources.Select(s => e.Prompt[s.Start..s.End]), Is.EqualTo(sentences.Select(s => s.Text)), e.Id);

            var facts = raw[i].GetProperty("supporting_facts").EnumerateArray()
                .Select(f => sentences.FindIndex(s => s.Title == f[0].GetString() && s.Index == f[1].GetInt32())).Distinct().Order();
            Assert.That(e.SupportingSources, Is.EqualTo(facts), e.Id);
            Assert.That(e.Answers, Is.EqualTo(new[] { raw[i].GetProperty("answer").GetString() }));
            Assert.That(e.Prompt, Does.EndWith($"\n\nQuestion: {raw[i].GetProperty("question").GetString()}\nAnswer:"));
        }
    }

    [Test]
    public void First_example_reads_as_titled_paragraphs_then_the_question()
    {
        var e = new HotpotQaReader().Read(SharedDataset.File("hotpotqa"))[0];

        Assert.That(e.Prompt, Does.StartWith("Title: Meet Corliss Archer\nMeet Corliss Archer, a program from radio's Golden Age, ran from January 7, 1943 to September 30, 1956. Although it was CBS's"));
        Assert.That(e.Prompt, Does.Contain("known to exist.\n\nTitle: Shirley Temple\nShirley Temple Black"));
        Assert.That(e.SupportingSources.Select(s => e.Prompt[e.Sources[s].Start..e.Sources[s].End]),
            Has.Some.EqualTo("As an adult, she was named United States ambassador to Ghana and to Czechoslovakia and also served as Chief of Protocol of the United States."));
        Assert.That(e.SupportingSources, Has.Count.EqualTo(3));
        Assert.That(e.Target, Is.EqualTo(" Chief of Protocol"));
        Assert.That(e.Task, Is.EqualTo("bridge"));
        Assert.That(e.Prompt[e.Region!.Value.End..], Does.StartWith("\n\nQuestion: What government position"));
    }

    [Test]
    public void The_context_query_form_wraps_the_same_paragraphs_as_AT2_and_ContextCite_prompt()
    {
        var classic = new HotpotQaReader().Read(SharedDataset.File("hotpotqa"))[0];
        var e = new HotpotQaReader(HotpotQaReader.Layout.ContextQuery).Read(SharedDataset.File("hotpotqa"))[0];
        var paragraphs = classic.Prompt[classic.Region!.Value.Start..classic.Region!.Value.End];

        Assert.That(e.Prompt, Is.EqualTo($"Context: {paragraphs}\n\nQuery: What government position was held by the woman who portrayed Corliss Archer in the film Kiss and Tell?"));
        Assert.That(e.Prompt[e.Region!.Value.Start..e.Region!.Value.End], Is.EqualTo(paragraphs));
        Assert.That(e.Sources.Select(s => e.Prompt[s.Start..s.End]), Is.EqualTo(classic.Sources.Select(s => classic.Prompt[s.Start..s.End])));
        Assert.That(e.SupportingSources, Is.EqualTo(classic.SupportingSources));
        Assert.That(new HotpotQaReader(HotpotQaReader.Layout.ContextQuery).Name, Is.EqualTo("hotpotqa_context_query"));
    }

    [Test]
    public void The_passages_form_is_AT2s_own_HotpotQA_prompt_with_the_same_sentence_sources()
    {
        // AT2's HotpotQAAttributionTask (notebooks/multi_document_context_attribution.ipynb): prompt = "Passages:\n\n",
        // then per paragraph prompt += " ".join(sentences) + "\n\n", then prompt += "Query: " + question.
        var examples = new HotpotQaReader(HotpotQaReader.Layout.At2Passages).Read(SharedDataset.File("hotpotqa"));
        var classic = new HotpotQaReader().Read(SharedDataset.File("hotpotqa"));
        var raw = SharedDataset.RawRows("hotpotqa");

        for (var i = 0; i < raw.Count; i++)
        {
            var expected = "Passages:\n\n";
            foreach (var paragraph in raw[i].GetProperty("context").EnumerateArray())
                expected += string.Join(" ", paragraph[1].EnumerateArray().Select(s => s.GetString())) + "\n\n";
            expected += "Query: " + raw[i].GetProperty("question").GetString();

            var e = examples[i];
            Assert.That(e.Prompt, Is.EqualTo(expected), e.Id);
            Assert.That(e.Sources.Select(s => e.Prompt[s.Start..s.End]), Is.EqualTo(classic[i].Sources.Select(s => classic[i].Prompt[s.Start..s.End])), e.Id);
            Assert.That(e.SupportingSources, Is.EqualTo(classic[i].SupportingSources), e.Id);
            Assert.That(e.Answers, Is.EqualTo(classic[i].Answers), e.Id);
        }

        Assert.That(examples[0].Prompt, Does.StartWith("Passages:\n\nMeet Corliss Archer, a program from radio's Golden Age, ran from January 7, 1943 to September 30, 1956.  Although"));
        Assert.That(new HotpotQaReader(HotpotQaReader.Layout.At2Passages).Name, Is.EqualTo("hotpotqa_passages"));
    }
}
