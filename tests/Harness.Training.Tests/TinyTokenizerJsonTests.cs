using System.Text.Json;
using Harness.Data.Synthetic;
using Harness.Training;

namespace Harness.Training.Tests;

/// <summary>The tiny tokenizer.json: one id per vocabulary word, with or without its leading space,
/// special tokens at RoBERTa's ids, prompts decoded back to their own spelling.</summary>
[Fast]
public sealed class TinyTokenizerJsonTests
{
    [Test]
    public void Every_vocabulary_word_encodes_to_its_own_single_id_with_or_without_a_leading_space()
    {
        var tokenizer = TinyTokenizerJson.Load(maskedLm: false);
        var ids = new HashSet<int>();
        Assert.Multiple(() =>
        {
            foreach (var word in SyntheticVocabulary.Words.Concat(SyntheticVocabulary.Punctuation))
            {
                var bare = tokenizer.Encode(word, addSpecialTokens: false).Ids;
                var spaced = tokenizer.Encode(" " + word, addSpecialTokens: false).Ids;
                Assert.That(bare, Has.Count.EqualTo(1), word);
                Assert.That(spaced, Is.EqualTo(bare), $"' {word}'");
                Assert.That(bare[0], Is.Not.EqualTo(TinyVocabulary.UnkId), word);
                ids.Add(bare[0]);
            }
        });
        Assert.That(ids, Has.Count.EqualTo(SyntheticVocabulary.Words.Count + SyntheticVocabulary.Punctuation.Count), "two words share an id");
    }

    [Test]
    public void Special_tokens_have_roberta_ids_and_the_vocabulary_size_counts_them()
    {
        var tokenizer = TinyTokenizerJson.Load(maskedLm: true);
        Assert.Multiple(() =>
        {
            Assert.That(tokenizer.TokenToId("<bos>"), Is.EqualTo(0));
            Assert.That(tokenizer.TokenToId("<pad>"), Is.EqualTo(1));
            Assert.That(tokenizer.TokenToId("<eos>"), Is.EqualTo(2));
            Assert.That(tokenizer.TokenToId("<unk>"), Is.EqualTo(3));
            Assert.That(tokenizer.TokenToId("<mask>"), Is.EqualTo(4));
            Assert.That(tokenizer.VocabSize, Is.EqualTo(TinyVocabulary.Tokens.Count));
            Assert.That(tokenizer.Encode("a <mask> .", addSpecialTokens: false).Ids[1], Is.EqualTo(TinyVocabulary.MaskId));
            Assert.That(tokenizer.Encode("zebra", addSpecialTokens: false).Ids, Is.EqualTo(new[] { TinyVocabulary.UnkId }));
        });
    }

    [Test]
    public void The_masked_lm_tokenizer_wraps_text_in_bos_and_eos_and_the_decoder_tokenizer_does_not()
    {
        var word = TinyTokenizerJson.Load(maskedLm: false).Encode("paris", addSpecialTokens: false).Ids[0];
        Assert.Multiple(() =>
        {
            Assert.That(TinyTokenizerJson.Load(maskedLm: true).Encode("paris", addSpecialTokens: true).Ids, Is.EqualTo(new[] { 0, word, 2 }));
            Assert.That(TinyTokenizerJson.Load(maskedLm: false).Encode("paris", addSpecialTokens: true).Ids, Is.EqualTo(new[] { word }));
        });
    }

    [Test]
    public void Every_task_prompt_decodes_back_to_its_own_text_on_one_line()
    {
        var tokenizer = TinyTokenizerJson.Load(maskedLm: false);
        foreach (var task in SyntheticTasks.All)
            foreach (var example in task.Generate(20, 5))
            {
                var ids = tokenizer.Encode(example.Prompt + example.Target, addSpecialTokens: false).Ids;
                Assert.That(tokenizer.Decode(ids, skipSpecialTokens: true), Is.EqualTo((example.Prompt + example.Target).Replace('\n', ' ')), example.Id);
            }
    }

    [Test]
    public void The_file_has_the_sections_hugging_face_tokenizers_reads()
    {
        using var json = JsonDocument.Parse(TinyTokenizerJson.Build(maskedLm: true));
        var root = json.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("model").GetProperty("type").GetString(), Is.EqualTo("WordLevel"));
            Assert.That(root.GetProperty("model").GetProperty("unk_token").GetString(), Is.EqualTo("<unk>"));
            Assert.That(root.GetProperty("pre_tokenizer").GetProperty("type").GetString(), Is.EqualTo("Whitespace"));
            Assert.That(root.GetProperty("decoder").GetProperty("type").GetString(), Is.EqualTo("WordPiece"));
            Assert.That(root.GetProperty("post_processor").GetProperty("type").GetString(), Is.EqualTo("RobertaProcessing"));
            Assert.That(root.GetProperty("added_tokens").GetArrayLength(), Is.EqualTo(5));
        });
    }
}
