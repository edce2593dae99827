using Harness.Data.Examples;
using Harness.Data.Segmentation;
using Harness.Experiments.Running;
using Harness.Experiments.Schema;
using Harness.Models;
using Harness.Models.Tokenization;
using Harness.Torch;

namespace Harness.Experiments.Tests;

/// <summary>
/// `only_correct` on LongRA keeps what ReAGent's src/data/prepare_evaluation_analogy.py keeps: analogies the model
/// completes both with and without the parenthetical distractor, among the pairs whose two words are single tokens
/// (data_utils.py preprocess_analogies: " " + word for GPT-2 tokenizers, word with its special tokens as two ids for
/// the others). Checked with a model that predicts the target exactly when a cue token is in its context.
/// </summary>
[TestFixture]
[Fast]
public sealed class LongRaOnlyCorrectTests
{
    private const string Prompt = "When my flight landed in Greece, I fell asleep. (I had a dream about Greece). I was staying in the capital,";
    private static readonly DatasetSpec OnlyCorrect =
        new("longra", "longra", "data.jsonl", null, "all", null, 0, TargetMode.Token, 1, 1, SourceUnit.Token, new SourcePosition("test.yaml", 1, 1)) { OnlyCorrect = true };

    private static Tokenizer Gpt2Tokenizer() => Tokenizer.FromFile(SharedFolder.Combine("fixtures", "tokenizers", "gpt2", "tokenizer.json"));

    private static Example Analogy(string country, string target = "Athens", string antecedent = "Greece")
    {
        var prompt = Prompt.Replace("Greece", country, StringComparison.Ordinal);
        var start = prompt.IndexOf('(', StringComparison.Ordinal);
        return new Example("e", prompt)
        {
            Target = " " + target,
            Distractor = new CharSpan(start, prompt.IndexOf(").", StringComparison.Ordinal) + 2),
            SingleTokenWords = [target, antecedent],
        };
    }

    [Test]
    public void An_analogy_the_model_completes_only_with_the_distractor_is_dropped()
    {
        var tokenizer = Gpt2Tokenizer();
        var cue = tokenizer.Encode(" dream", addSpecialTokens: false).Ids.Single();
        using var model = new CueModel("gpt2", tokenizer, cue, "Athens");

        Assert.That(ItemBuilder.Build(Analogy("Greece"), OnlyCorrect, model, tokenizer, []), Is.Empty, "the cue ' dream' is inside the parenthetical");
        Assert.That(ItemBuilder.Build(Analogy("Greece"), OnlyCorrect with { OnlyCorrect = false }, model, tokenizer, []), Has.Count.EqualTo(1));
    }

    [Test]
    public void An_analogy_the_model_completes_with_and_without_the_distractor_is_kept()
    {
        var tokenizer = Gpt2Tokenizer();
        var cue = tokenizer.Encode(" flight", addSpecialTokens: false).Ids.Single();
        using var model = new CueModel("gpt2", tokenizer, cue, "Athens");

        var items = ItemBuilder.Build(Analogy("Greece"), OnlyCorrect, model, tokenizer, []);

        Assert.That(items.Single().TargetIds, Is.EqualTo(new long[] { tokenizer.Encode(" Athens", addSpecialTokens: false).Ids.Single() }));
        Assert.That(items.Single().ContextIds, Has.Length.EqualTo(tokenizer.Encode(Prompt, addSpecialTokens: false).Ids.Count), "the item keeps the distractor");
    }

    [Test]
    public void A_pair_with_a_word_that_is_not_one_token_is_dropped_as_preprocess_analogies_drops_it()
    {
        var tokenizer = Gpt2Tokenizer();
        var cue = tokenizer.Encode(" flight", addSpecialTokens: false).Ids.Single();
        using var model = new CueModel("gpt2", tokenizer, cue, "Athens");
        Assert.That(tokenizer.Encode(" Kyrgyzstan", addSpecialTokens: false).Ids, Has.Count.GreaterThan(1));

        Assert.That(ItemBuilder.Build(Analogy("Kyrgyzstan", antecedent: "Kyrgyzstan"), OnlyCorrect, model, tokenizer, []), Is.Empty);
    }

    [Test]
    public void Other_tokenizers_spell_each_word_without_a_space_as_one_token_after_their_special_tokens()
    {
        // Llama-2's tokenizer adds <s>: "Paris" is [<s>, ▁Paris] and passes; "Athens", [<s>, ▁Ath, ens], does not.
        var llama = Tokenizer.FromFile(SharedFolder.Combine("fixtures", "tokenizers", "llama2", "tokenizer.json"));
        var cue = llama.Encode("flight", addSpecialTokens: false).Ids.Single();
        using var model = new CueModel("llama", llama, cue, "Athens");
        var example = Analogy("Greece") with { Distractor = null, SingleTokenWords = ["Paris", "France"] };
        Assert.That(example.SingleTokenWords.Select(w => llama.Encode(w, addSpecialTokens: true).Ids.Count), Is.EqualTo(new[] { 2, 2 }));
        Assert.That(llama.Encode("Athens", addSpecialTokens: true).Ids, Has.Count.EqualTo(3));

        Assert.That(ItemBuilder.Build(example, OnlyCorrect, model, llama, []), Has.Count.EqualTo(1));
        Assert.That(ItemBuilder.Build(example with { SingleTokenWords = ["Athens", "France"] }, OnlyCorrect, model, llama, []), Is.Empty);
    }

    /// <summary>Predicts the first token of " " + <paramref name="answer"/> after any context holding <paramref name="cue"/>,
    /// token 0 otherwise (one-hot logits at every position).</summary>
    private sealed class CueModel(string modelType, Tokenizer tokenizer, int cue, string answer) : ILanguageModel
    {
        private readonly long answerId = tokenizer.Encode(" " + answer, addSpecialTokens: false).Ids[0];

        public string ModelType => modelType;

        public long VocabSize { get; } = tokenizer.VocabSize;

        public Device Device => torch.CPU;

        public ScalarType DType => ScalarType.Float32;

        public Tensor Embed(Tensor ids) => throw new NotSupportedException("the filter reads logits only");

        public KvCache NewCache() => new(1);

        public ModelOutput Forward(ModelInput input, ForwardOptions? options = null)
        {
            var ids = input.InputIds!.ToArray<long>();
            var length = ids.Length;
            var logits = new float[length * VocabSize];
            for (var t = 0; t < length; t++)
                logits[t * VocabSize + (ids.AsSpan(0, t + 1).Contains(cue) ? answerId : 0)] = 1;
            return new ModelOutput(torch.tensor(logits, [1, length, VocabSize]), null, null);
        }

        public void Dispose()
        {
        }
    }
}
