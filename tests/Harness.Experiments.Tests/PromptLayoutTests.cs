using Harness.Data.Examples;
using Harness.Data.Segmentation;
using Harness.Experiments.Running;
using Harness.Experiments.Schema;
using Harness.Models.Tokenization;

namespace Harness.Experiments.Tests;

/// <summary>
/// An item keeps where ContextCite's text ablation cuts its prompt: the context string and each source's characters.
/// With Llama 3's tokenizer, which spells a sentence's last "." together with the line breaks after it (".\n",
/// ".\n\n"), taking a sentence's text out and encoding again (ContextCiter._get_prompt_ids) gives other ids than
/// dropping its tokens: the reason `ablation: text` exists.
/// </summary>
[TestFixture]
[Fast]
public sealed class PromptLayoutTests
{
    private const string Context = "Paris is big. It has a tower.\nRome is old.";
    private const string Prompt = "Context: " + Context + "\n\nQuery: Which city is old?";

    private static readonly DatasetSpec Dataset =
        new("cc", "jsonl", "data.jsonl", null, "all", null, 0, TargetMode.Token, 1, 1, SourceUnit.ContextCiteSentence, new SourcePosition("test.yaml", 1, 1));

    private static Tokenizer Llama3() => Tokenizer.FromFile(SharedFolder.Combine("fixtures", "tokenizers", "llama3", "tokenizer.json"));

    private static EvaluationItem Item(Tokenizer tokenizer)
    {
        using var model = new ChainModel(tokenizer.VocabSize, new Dictionary<long, long>());
        var start = Prompt.IndexOf(Context, StringComparison.Ordinal);
        var example = new Example("e", Prompt) { Region = new CharSpan(start, start + Context.Length), Target = " Rome" };
        return ItemBuilder.Build(example, Dataset, model, tokenizer, []).Single();
    }

    private static long[] Encode(Tokenizer tokenizer, string text) => tokenizer.Encode(text, addSpecialTokens: true).Ids.Select(i => (long)i).ToArray();

    [Test]
    public void The_item_records_the_context_and_its_sentences_characters()
    {
        var item = Item(Llama3());
        var at = (string s) => Prompt.IndexOf(s, StringComparison.Ordinal);

        Assert.That(item.Layout, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(item.Layout!.Region, Is.EqualTo(new[] { at(Context), at(Context) + Context.Length }));
            Assert.That(item.Layout.Sources, Is.EqualTo(new[]
            {
                new[] { at("Paris"), at(" It") }, new[] { at("It"), at("\nRome") }, new[] { at("Rome"), at("\n\nQuery") },
            }));
            Assert.That(item.Layout.SpecialTokens, Is.True, "a raw prompt is encoded with the tokenizer's BOS");
        });
    }

    [Test]
    public void Taking_a_sentences_text_out_encodes_the_prompt_again()
    {
        var tokenizer = Llama3();
        var item = Item(tokenizer);
        var ablation = item.SourceText(tokenizer)!;

        var withoutLast = Encode(tokenizer, "Context: Paris is big. It has a tower.\n\nQuery: Which city is old?");
        var tokensRemoved = item.ContextIds.Where((_, i) => i < item.RegionStart || i >= item.RegionEnd
            || !item.SourceGroups![2].Contains(i - item.RegionStart)).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(ablation.ContextIds([true, true, true]), Is.EqualTo(item.ContextIds), "nothing taken out: the prompt's own ids");
            Assert.That(ablation.ContextIds([true, true, false]), Is.EqualTo(withoutLast));
            Assert.That(tokensRemoved, Is.Not.EqualTo(withoutLast), "dropping the sentence's tokens also drops the \"\\n\\n\" spelled with its \".\"");
            Assert.That(ablation.ContextIds([false, true, true]), Is.EqualTo(Encode(tokenizer, "Context: It has a tower.\nRome is old.\n\nQuery: Which city is old?")));
        });
    }
}
