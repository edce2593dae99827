using System.Text.Json.Nodes;
using Harness.Models.Architectures.Llama;
using Harness.Models.Formats;
using Harness.Models.Loading;
using Harness.Torch;

namespace Harness.Models.Tests.Parity;

/// <summary>Llama reproduces transformers' LlamaForCausalLM on ../shared/fixtures/hf-parity/llama
/// (shared checks: <see cref="CausalLmParityTests"/>, <see cref="RotaryFamilyParityTests"/>). Here:
/// query heads share key/value heads as transformers' repeat_kv does, and config.json's
/// tie_word_embeddings, attention_bias, mlp_bias, rope_scaling and eos_token_id lists are honoured.</summary>
[TestFixture]
[Fast]
public sealed class LlamaParityTests() : CausalLmParityTests("llama")
{
    [Test]
    public void Query_heads_0_and_1_attend_with_key_head_0_and_heads_2_and_3_with_key_head_1()
    {
        using var scope = torch.NewDisposeScope();
        var capture = new ActivationCapture(CapturePoint.Query, CapturePoint.Key);
        var output = Model.Forward(ModelInput.FromIds(SeqA()), new ForwardOptions { OutputAttentions = true, Capture = capture });
        var (q, k) = (capture.Get(1, CapturePoint.Query), capture.Get(1, CapturePoint.Key));   // [1, 4, T, 8], [1, 2, T, 8]
        var t = q.size(2);
        var causal = torch.ones([t, t]).tril().eq(0);                                        // [T, T] true above the diagonal
        Assert.That(k.shape, Is.EqualTo(new long[] { 1, 2, t, 8 }));
        for (var head = 0; head < 4; head++)
        {
            var scores = q.select(1, head).matmul(k.select(1, head / 2).transpose(-1, -2)).div(Math.Sqrt(8)); // [1, T, T]
            var expected = scores.masked_fill(causal, float.MinValue).softmax(-1);
            Assert.That(output.Attentions![1].select(1, head).allclose(expected, rtol: 0, atol: 1e-6), $"query head {head} uses key head {head / 2}");
        }
    }

    [Test]
    public void Tied_word_embeddings_make_the_head_the_embedding_matrix_and_ignore_a_stored_head()
    {
        using var scope = torch.NewDisposeScope();
        using var copy = new FixtureCopy("llama", c => c["tie_word_embeddings"] = true);
        using var model = (LlamaModel)copy.Load();
        var output = model.Forward(ModelInput.FromIds(SeqA()), new ForwardOptions { OutputHiddenStates = true });
        var expected = output.HiddenStates![^1].matmul(model.TokenEmbeddings.t());          // [1, T, V]
        Assert.That(output.Logits.allclose(expected, rtol: 0, atol: 1e-6), "logits = final hidden state x embeddings^T");
        Assert.That(((Harness.Torch.NN.Module)model).named_parameters().Select(p => p.Name), Does.Not.Contain("lm_head.weight"));
    }

    [TestCase("attention_bias", "model.layers.0.self_attn.q_proj.bias")]
    [TestCase("mlp_bias", "model.layers.0.mlp.gate_proj.bias")]
    public void A_bias_flag_makes_the_bias_tensors_required(string flag, string firstMissing)
    {
        using var copy = new FixtureCopy("llama", c => c[flag] = true);
        var e = Assert.Throws<ModelFormatException>(() => copy.Load())!;
        Assert.That(e.Problem, Does.Contain(firstMissing).And.Contain("missing"));
    }

    [Test]
    public void With_attention_bias_the_output_projection_has_a_bias_too()
    {
        var config = ReadConfig("""{"model_type": "llama", "attention_bias": true}""");
        Assert.Multiple(() =>
        {
            Assert.That(config.QueryKeyValueBias, Is.True);
            Assert.That(config.OutputBias, Is.True);
        });
    }

    [Test]
    public void Linear_rope_scaling_by_2_at_doubled_positions_gives_the_unscaled_reference()
    {
        // (2p) * (inv_freq / 2) = p * inv_freq exactly, so the rotations are the reference's.
        using var scope = torch.NewDisposeScope();
        using var copy = new FixtureCopy("llama", c => c["rope_scaling"] = new JsonObject { ["rope_type"] = "linear", ["factor"] = 2.0 });
        using var model = copy.Load();
        var ids = SeqA();
        var doubled = torch.arange(0, 2 * ids.size(1), 2).unsqueeze(0);                     // [1, T]: 0, 2, 4, ...
        var logits = model.Forward(ModelInput.FromIds(ids, positionIds: doubled)).Logits;
        ParityAssert.Close(logits, Fixture["seq_a.logits"], LogitTolerance, "logits with linear scaling at doubled positions");
    }

    [Test]
    public void Dynamic_rope_scaling_changes_nothing_within_max_position_embeddings()
    {
        using var scope = torch.NewDisposeScope();
        using var copy = new FixtureCopy("llama", c => c["rope_scaling"] = new JsonObject { ["type"] = "dynamic", ["factor"] = 4.0 });
        using var model = copy.Load();
        ParityAssert.Close(model.Forward(ModelInput.FromIds(SeqA())).Logits, Fixture["seq_a.logits"], LogitTolerance, "logits");
    }

    [Test]
    public void An_unknown_rope_scaling_type_fails_listing_the_known_ones()
    {
        using var copy = new FixtureCopy("llama", c => c["rope_scaling"] = new JsonObject { ["rope_type"] = "mrope", ["factor"] = 2.0 });
        var e = Assert.Throws<NotSupportedException>(() => copy.Load())!;
        Assert.That(e.Message, Does.Contain("'mrope'").And.Contain("linear").And.Contain("llama3").And.Contain("yarn"));
    }

    [Test]
    public void An_unknown_hidden_act_fails_listing_the_known_ones()
    {
        using var copy = new FixtureCopy("llama", c => c["hidden_act"] = "quick_gelu");
        var e = Assert.Throws<NotSupportedException>(() => copy.Load())!;
        Assert.That(e.Message, Does.Contain("'quick_gelu'").And.Contain("silu"));
    }

    [Test]
    public void Several_eos_ids_are_read_as_a_list()
    {
        using var copy = new FixtureCopy("llama", c => c["eos_token_id"] = new JsonArray(2, 3));
        using var model = (LlamaModel)copy.Load();
        Assert.That(model.Config.EosTokenIds, Is.EqualTo(new long[] { 2, 3 }));
    }

    [Test]
    public void Llama_defaults_are_transformers_LlamaConfig_defaults()
    {
        var config = ReadConfig("""{"model_type": "llama"}""");
        Assert.Multiple(() =>
        {
            Assert.That((config.VocabSize, config.Hidden, config.Intermediate, config.Layers, config.Heads), Is.EqualTo((32000L, 4096L, 11008L, 32, 32L)));
            Assert.That((config.KeyValueHeads, config.HeadDim, config.MaxPositions), Is.EqualTo((32L, 128L, 2048L)));
            Assert.That((config.RmsNormEps, config.RopeTheta, config.TieWordEmbeddings), Is.EqualTo((1e-6, 10000.0, false)));
            Assert.That(config.SlidingWindowOf(0), Is.Null);
        });
    }

    /// <summary><see cref="LlamaConfig.Read"/> of <paramref name="json"/> (the fixture's weights are not read).</summary>
    internal static LlamaConfig ReadConfig(string json)
    {
        using var weights = new CheckpointWeights(Path.Combine(SharedFolder.Path, "fixtures", "hf-parity", "llama"));
        return LlamaConfig.Read(new ArchitectureLoadContext("config.json", json, weights));
    }

    private Tensor SeqA() => Ids("seq_a.input_ids");
}
