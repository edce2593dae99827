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
    public void The_passages_form_is_AT2s_own_HotpotQA_prompt_with_AT2s_own_sentence_sources()
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
            Assert.That(e.Answers, Is.EqualTo(classic[i].Answers), e.Id);
            // AT2 splits each passage itself (ContextSentences.At2, checked against AT2's split_text in PunktParityTests).
            var passageSources = new List<string>();
            var at = "Passages:\n\n".Length;
            foreach (var paragraph in raw[i].GetProperty("context").EnumerateArray())
            {
                var passage = string.Join(" ", paragraph[1].EnumerateArray().Select(s => s.GetString()));
                passageSources.AddRange(Harness.Data.Segmentation.ContextSentences.At2(passage).Select(s => passage[s.Start..s.End]));
                Assert.That(e.Prompt.Substring(at, passage.Length), Is.EqualTo(passage), e.Id);
                at += passage.Length + 2;
            }

            Assert.That(e.Sources.Select(s => e.Prompt[s.Start..s.End]), Is.EqualTo(passageSources), e.Id);
            // Every supporting sentence of the file lies in (or across) supporting sources.
            var supportingText = classic[i].SupportingSources.Select(s => classic[i].Prompt[classic[i].Sources[s].Start..classic[i].Sources[s].End]).ToList();
            var supportingSources = e.SupportingSources.Select(s => e.Prompt[e.Sources[s].Start..e.Sources[s].End]).ToList();
            foreach (var sentence in supportingText)
                Assert.That(supportingSources.Any(x => x.Contains(sentence, StringComparison.Ordinal) || sentence.Contains(x, StringComparison.Ordinal)), Is.True, $"{e.Id}: {sentence}");
        }

        // 737 of the 800 passages split exactly as HotpotQA's file does; where they do not, AT2's sources are Punkt's, e.g.
        // after "etc.)" in the first example, where the file has one sentence.
        var first = examples[0].Sources.Select(s => examples[0].Prompt[s.Start..s.End]).ToList();
        Assert.That(first, Does.Contain("The Village Accountant (variously known as \"Patwari\", \"Talati\", \"Patel\", \"Karnam\", \"Adhikari\", \"Shanbogaru\",\"Patnaik\" etc.)")
            .And.Contain("is an administrative government position found in rural parts of the Indian sub-continent."));
        Assert.That(first, Has.Count.EqualTo(classic[0].Sources.Count + 1));

        Assert.That(examples[0].Prompt, Does.StartWith("Passages:\n\nMeet Corliss Archer, a program from radio's Golden Age, ran from January 7, 1943 to September 30, 1956.  Although"));
        Assert.That(new HotpotQaReader(HotpotQaReader.Layout.At2Passages).Name, Is.EqualTo("hotpotqa_passages"));
    }

    [Test]
    public void A_passage_source_supports_when_it_shares_a_word_with_a_supporting_sentence()
    {
        // Punkt splits the second file sentence after "etc.)" and moves the quote that opens the fourth onto the third.
        using var file = new TempJsonl("""
            {"id": "q", "question": "Who ran it?", "answer": "Officials", "type": "bridge",
             "context": [["Show", ["The show was called \"La Totale!", "\" The film follows a man."]],
                         ["Town", ["Officials (mayors, clerks, etc.) ran it.", " They met."]]],
             "supporting_facts": [["Show", 1], ["Town", 0]]}
            """.ReplaceLineEndings(" "));

        var e = new HotpotQaReader(HotpotQaReader.Layout.At2Passages).Read(file.Path)[0];

        Assert.That(e.Sources.Select(s => e.Prompt[s.Start..s.End]), Is.EqualTo(new[]
        {
            "The show was called \"La Totale! \"", "The film follows a man.", "Officials (mayors, clerks, etc.)", "ran it.", "They met.",
        }));
        Assert.That(e.SupportingSources, Is.EqualTo(new[] { 1, 2, 3 }), "the quote alone does not make the first source supporting");
    }

    private sealed class TempJsonl : IDisposable
    {
        public TempJsonl(string line)
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"hotpot-{Guid.NewGuid():N}.jsonl");
            File.WriteAllText(Path, line + "\n");
        }

        public string Path { get; }

        public void Dispose() => File.Delete(Path);
    }
}
