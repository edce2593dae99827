using Harness.Models.Architectures.Roberta;
using Harness.Models.Formats;
using Harness.Torch;

namespace Harness.Models.Tests.Parity;

/// <summary>RoBERTa reproduces transformers' RobertaForMaskedLM on ../shared/fixtures/hf-parity/roberta:
/// post-LN bidirectional encoder, positions from the ids (pad_token_id + 1 + count of real tokens),
/// one token type, and the MLM head tied to the word embeddings with its own bias.</summary>
[TestFixture]
[Fast]
public sealed class RobertaParityTests() : FixtureParityTests<IMaskedLanguageModel>("roberta")
{
    protected override IMaskedLanguageModel Load(string directory, Device device) => RobertaMaskedLm.Load(directory, device: device);

    protected override ModelOutput Forward(ModelInput input, ForwardOptions? options = null) => Model.Forward(input, options);

    [Test]
    public void Loads_as_a_masked_language_model_described_by_its_config()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Model.ModelType, Is.EqualTo("roberta"));
            Assert.That(Model.VocabSize, Is.EqualTo(97));
            Assert.That(Model.MaskTokenId, Is.Null, "the fixture's config.json has no mask_token_id");
            Assert.That(Model.Device, Is.EqualTo(Device.CPU));
            Assert.That(Model.DType, Is.EqualTo(ScalarType.Float32));
        });
    }

    /// <summary>Every position sees the whole sequence: changing the last token changes the first
    /// position's logits (a causal model's would not move).</summary>
    [Test]
    public void Attention_is_bidirectional()
    {
        using var scope = torch.NewDisposeScope();
        var ids = Ids("seq_a.input_ids");
        var changed = torch.cat([ids.narrow(1, 0, ids.size(1) - 1), torch.tensor(new long[] { 77 }, [1, 1])], 1); // [1, T]
        var a = Model.Forward(ModelInput.FromIds(ids)).Logits.select(1, 0);
        var b = Model.Forward(ModelInput.FromIds(changed)).Logits.select(1, 0);
        Assert.That(a.sub(b).abs().max().ToDouble(), Is.GreaterThan(1e-3));
    }

    /// <summary>Input embeddings take positions pad_token_id + 1 onwards, which are the ids' positions
    /// when no pad token occurs.</summary>
    [Test]
    public void Input_embeddings_from_Embed_give_the_logits_of_the_ids()
    {
        using var scope = torch.NewDisposeScope();
        var embeddings = ((RobertaMaskedLm)Model).Embed(Ids("seq_a.input_ids"));
        var logits = Model.Forward(ModelInput.FromEmbeddings(embeddings)).Logits;
        ParityAssert.Close(logits, Fixture["seq_a.logits"], LogitTolerance, "logits from input embeddings");
    }

    [Test]
    public void A_kv_cache_is_refused()
    {
        using var scope = torch.NewDisposeScope();
        using var cache = new KvCache(2);
        var e = Assert.Throws<ArgumentException>(() => Model.Forward(ModelInput.FromIds(Ids("seq_b.input_ids")) with { Cache = cache }))!;
        Assert.That(e.Message, Does.Contain("no KV cache"));
    }

    [Test]
    public void Loading_a_causal_model_directory_as_a_masked_lm_names_its_model_type()
    {
        var e = Assert.Throws<ModelFormatException>(() => RobertaMaskedLm.Load(Path.Combine(SharedFolder.Path, "fixtures", "hf-parity", "gpt2")))!;
        Assert.That(e.Message, Does.Contain("model_type 'gpt2'"));
    }
}
