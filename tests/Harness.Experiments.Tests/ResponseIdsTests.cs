using Harness.Data.Examples;
using Harness.Data.Segmentation;
using Harness.Experiments.Running;
using Harness.Experiments.Schema;
using Harness.Models.Tokenization;

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
        using var model = new ChainModel(tokenizer.VocabSize, new Dictionary<long, long> { [Id(tokenizer, " is")] = par, [par] = @is, [@is] = eos });

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
        using var model = new ChainModel(tokenizer.VocabSize, new Dictionary<long, long> { [Id(tokenizer, " is")] = paris, [paris] = dot, [dot] = eos });

        var item = ItemBuilder.Build(new Example("e", Prompt), Generation, model, tokenizer, [eos]).Single();

        Assert.That(item.TargetIds, Is.EqualTo(new[] { paris, dot }), "the end-of-turn token ends the response and is not attributed");
    }
}
