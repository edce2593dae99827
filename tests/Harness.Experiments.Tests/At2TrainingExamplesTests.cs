using Harness.Attribution.Core;
using Harness.Data.Examples;
using Harness.Data.Segmentation;
using Harness.Experiments.Running;
using Harness.Experiments.Schema;
using Harness.Models.Tokenization;
using Harness.Scoring;

namespace Harness.Experiments.Tests;

/// <summary>
/// AT2's training examples from frozen targets: the model's response split into its sentences as AT2's trainer splits
/// it (split_target_by="sentence": at2.utils.split_text on the response's characters, each sentence the tokens from the
/// one holding its first character to the one holding its last), each explained after the prompt and the earlier
/// sentences with the prompt's region as the sources.
/// </summary>
[TestFixture]
[Fast]
public sealed class At2TrainingExamplesTests
{
    private static readonly DatasetSpec Generation =
        new("g", "jsonl", "data.jsonl", null, "all", null, 0, TargetMode.Span, 16, 1, SourceUnit.Token, new SourcePosition("test.yaml", 1, 1))
        {
            TargetSource = TargetSource.Generation,
        };

    private static Tokenizer Llama3() => Tokenizer.FromFile(SharedFolder.Combine("fixtures", "tokenizers", "llama3", "tokenizer.json"));

    private static long Id(Tokenizer tokenizer, string piece) => tokenizer.Encode(piece, addSpecialTokens: false).Ids.Single();

    /// <summary>"The cat" continued " sat. Then it ran!" and the end of turn, one token after another.</summary>
    private static (EvaluationItem Item, ChainModel Model, long[] Response) TwoSentences(Tokenizer tokenizer)
    {
        string[] pieces = [" cat", " sat", ".", " Then", " it", " ran", "!", "<|eot_id|>"];
        var ids = pieces.Select(p => Id(tokenizer, p)).ToArray();
        var model = new ChainModel(tokenizer.VocabSize, Enumerable.Range(0, ids.Length - 1).ToDictionary(i => ids[i], i => ids[i + 1]));
        var item = ItemBuilder.Build(new Example("e", "The cat"), Generation, model, tokenizer, [ids[^1]]).Single();
        return (item, model, ids[1..^1]);
    }

    [Test]
    public void A_response_splits_into_its_sentences_tokens()
    {
        var tokenizer = Llama3();
        var (item, model, response) = TwoSentences(tokenizer);
        using var _ = model;
        Assert.That(item.TargetIds, Is.EqualTo(response), "the response the chain spells");

        var ranges = At2TrainingExamples.SentenceRanges(item, tokenizer);

        Assert.That(ranges.Select(r => (r.Start.Value, r.End.Value)), Is.EqualTo(new[] { (0, 2), (2, 6) }), "\"sat.\" and \"Then it ran!\"");
    }

    [Test]
    public void Each_sentence_is_explained_after_the_prompt_and_the_sentences_before_it()
    {
        var tokenizer = Llama3();
        var (item, model, response) = TwoSentences(tokenizer);
        using var _ = model;

        var requests = At2TrainingExamples.Requests(item, model, tokenizer);

        Assert.Multiple(() =>
        {
            Assert.That(requests, Has.Count.EqualTo(2));
            Assert.That(requests[0].ContextIds, Is.EqualTo(item.ContextIds));
            Assert.That(requests[0].Target.Ids, Is.EqualTo(response[..2]));
            Assert.That(requests[1].ContextIds, Is.EqualTo(item.ContextIds.Concat(response[..2])));
            Assert.That(requests[1].Target.Ids, Is.EqualTo(response[2..]));
            Assert.That(requests.Select(r => r.Region), Is.All.EqualTo(item.Region), "the prompt's region is the sources of every sentence");
            Assert.That(requests.Select(r => r.Sources), Is.All.Null, "one source per region token, as AT2's training script");
        });
        var whole = At2TrainingExamples.Requests(item, model, sentences: null).Single();
        Assert.That((whole.ContextIds, whole.Target.Ids), Is.EqualTo((item.ContextIds, item.TargetIds)), "without splitting: the whole response");
    }

    [Test]
    public void An_item_without_target_text_or_from_another_tokenizer_fails_naming_the_example()
    {
        var tokenizer = Llama3();
        var (item, model, _) = TwoSentences(tokenizer);
        using var __ = model;
        var gpt2 = Tokenizer.FromFile(SharedFolder.Combine("fixtures", "tokenizers", "gpt2", "tokenizer.json"));

        var noText = Assert.Throws<InvalidDataException>(() => At2TrainingExamples.SentenceRanges(item with { TargetText = null }, tokenizer));
        var otherTokenizer = Assert.Throws<InvalidDataException>(() => At2TrainingExamples.SentenceRanges(item, gpt2));

        Assert.That(noText!.Message, Does.Contain("'e#0'").And.Contain("no target text"));
        Assert.That(otherTokenizer!.Message, Does.Contain("'e#0'").And.Contain("do not encode to the item's ids"));
    }
}
