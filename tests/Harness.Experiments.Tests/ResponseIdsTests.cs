using Harness.Data.Examples;
using Harness.Data.Segmentation;
using Harness.Experiments.Running;
using Harness.Experiments.Schema;
using Harness.Models;
using Harness.Models.Tokenization;
using Harness.Torch;

namespace Harness.Experiments.Tests;

/// <summary>
/// A generated response is attributed as AT2 and ContextCite attribute it: its text after the prompt's, encoded again
/// with the prompt, the ids after the prompt's (at2/tasks/base.py generate and get_tokens; context_citer.py _output and
/// _response_ids). A model that spells " Paris" as " Par" "is" is explained for the tokenizer's own " Paris".
/// </summary>
[TestFixture]
[Fast]
public sealed class ResponseIdsTests
{
    private const string Prompt = "The capital of France is";

    private static readonly DatasetSpec Generation =
        new("g", "jsonl", "data.jsonl", null, "all", null, 0, TargetMode.Span, 8, 1, SourceUnit.Token, new SourcePosition("test.yaml", 1, 1))
        {
            TargetSource = TargetSource.Generation,
        };

    private static Tokenizer Llama3() => Tokenizer.FromFile(SharedFolder.Combine("fixtures", "tokenizers", "llama3", "tokenizer.json"));

    private static long Id(Tokenizer tokenizer, string piece) => tokenizer.Encode(piece, addSpecialTokens: false).Ids.Single();

    [Test]
    public void A_response_in_other_pieces_than_the_tokenizers_is_explained_in_the_tokenizers_pieces()
    {
        var tokenizer = Llama3();
        var (par, @is, eos) = (Id(tokenizer, " Par"), Id(tokenizer, "is"), Id(tokenizer, "<|eot_id|>"));
        using var model = new Chain(tokenizer.VocabSize, new Dictionary<long, long> { [Id(tokenizer, " is")] = par, [par] = @is, [@is] = eos });

        var item = ItemBuilder.Build(new Example("e", Prompt), Generation, model, tokenizer, [eos]).Single();

        Assert.Multiple(() =>
        {
            Assert.That(item.TargetIds, Is.EqualTo(new[] { Id(tokenizer, " Paris") }), "the tokenizer's one piece, not the model's two");
            Assert.That(item.TargetText, Is.EqualTo(" Paris"));
            Assert.That(item.ContextIds, Is.EqualTo(tokenizer.Encode(Prompt, addSpecialTokens: true).Ids.Select(i => (long)i)));
        });
    }

    [Test]
    public void A_response_in_the_tokenizers_own_pieces_keeps_its_ids()
    {
        var tokenizer = Llama3();
        var (paris, dot, eos) = (Id(tokenizer, " Paris"), Id(tokenizer, "."), Id(tokenizer, "<|eot_id|>"));
        using var model = new Chain(tokenizer.VocabSize, new Dictionary<long, long> { [Id(tokenizer, " is")] = paris, [paris] = dot, [dot] = eos });

        var item = ItemBuilder.Build(new Example("e", Prompt), Generation, model, tokenizer, [eos]).Single();

        Assert.That(item.TargetIds, Is.EqualTo(new[] { paris, dot }), "the end-of-turn token ends the response and is not attributed");
    }

    /// <summary>Predicts, after each token, the token the chain maps it to (token 0 for the rest): a greedy generation
    /// that continues the prompt's last token along the chain.</summary>
    private sealed class Chain(long vocabSize, IReadOnlyDictionary<long, long> next) : ILanguageModel
    {
        public string ModelType => "llama";

        public long VocabSize => vocabSize;

        public Device Device => torch.CPU;

        public ScalarType DType => ScalarType.Float32;

        public Tensor Embed(Tensor ids) => throw new NotSupportedException("the chain reads token ids");

        public KvCache NewCache() => new(1);

        public ModelOutput Forward(ModelInput input, ForwardOptions? options = null)
        {
            var ids = input.InputIds!;
            var (batch, length) = (ids.size(0), ids.size(1));
            var values = ids.cpu().ToArray<long>();
            var logits = new float[batch * length * vocabSize];
            for (var p = 0; p < batch * length; p++)
                logits[p * vocabSize + next.GetValueOrDefault(values[p], 0)] = 1;
            return new ModelOutput(torch.tensor(logits, [batch, length, vocabSize]), null, null);
        }

        public void Dispose()
        {
        }
    }
}
