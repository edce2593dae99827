using System.Text.Json.Nodes;
using Harness.Torch;
using Harness.Torch.NN;

namespace Harness.Models.Tests.Parity;

/// <summary>Qwen2 reproduces transformers' Qwen2ForCausalLM on ../shared/fixtures/hf-parity/qwen2
/// (shared checks: <see cref="CausalLmParityTests"/>, <see cref="RotaryFamilyParityTests"/>). Here:
/// biases on q/k/v but not o_proj, and a sliding window only with use_sliding_window, from layer
/// max_window_layers on.</summary>
[TestFixture]
[Fast]
public sealed class Qwen2ParityTests() : CausalLmParityTests("qwen2")
{
    [Test]
    public void Queries_keys_and_values_have_biases_and_the_output_projection_has_none()
    {
        var names = ((Module)Model).named_parameters().Select(p => p.Name).ToList();
        Assert.That(names, Does.Contain("model.layers.0.self_attn.q_proj.bias")
            .And.Contain("model.layers.0.self_attn.k_proj.bias")
            .And.Contain("model.layers.1.self_attn.v_proj.bias")
            .And.Not.Contain("model.layers.0.self_attn.o_proj.bias")
            .And.Not.Contain("model.layers.0.mlp.gate_proj.bias"));
    }

    [Test]
    public void A_sliding_window_without_use_sliding_window_masks_nothing()
    {
        using var scope = torch.NewDisposeScope();
        using var copy = new FixtureCopy("qwen2", c => c["sliding_window"] = 3);
        using var model = copy.Load();
        ParityAssert.Close(model.Forward(ModelInput.FromIds(SeqA())).Logits, Fixture["seq_a.logits"], LogitTolerance, "logits");
    }

    [Test]
    public void With_use_sliding_window_the_window_applies_from_layer_max_window_layers_on()
    {
        using var scope = torch.NewDisposeScope();
        using var copy = new FixtureCopy("qwen2", c =>
        {
            c["use_sliding_window"] = true;
            c["sliding_window"] = 3;
            c["max_window_layers"] = 1;
        });
        using var model = copy.Load();
        var output = model.Forward(ModelInput.FromIds(SeqA()), new ForwardOptions { OutputAttentions = true });
        ParityAssert.Close(output.Attentions![0], Fixture["seq_a.attentions"][0], AttentionTolerance, "layer 0 attends without a window");
        var layer1 = output.Attentions[1];                                                    // [1, H, T, T]
        var outside = torch.ones([11, 11]).tril(-3);                                          // keys 3 or more back
        Assert.That(layer1.mul(outside).abs().sum().ToDouble(), Is.EqualTo(0), "layer 1 sees only itself and 2 keys back");
        Assert.That(layer1.select(2, 10).narrow(-1, 8, 3).sum(-1).allclose(torch.ones([1, 4]), rtol: 0, atol: 1e-6));
    }

    [Test]
    public void Qwen2_defaults_are_transformers_Qwen2Config_defaults()
    {
        var config = LlamaParityTests.ReadConfig("""{"model_type": "qwen2", "head_dim": 64, "attention_bias": false}""");
        Assert.Multiple(() =>
        {
            Assert.That((config.VocabSize, config.Intermediate, config.KeyValueHeads, config.MaxPositions), Is.EqualTo((151936L, 22016L, 32L, 32768L)));
            Assert.That(config.HeadDim, Is.EqualTo(128), "Qwen2 ignores head_dim: hidden_size / heads");
            Assert.That((config.QueryKeyValueBias, config.OutputBias), Is.EqualTo((true, false)), "Qwen2's biases ignore attention_bias");
            Assert.That(config.SlidingWindowOf(31), Is.Null, "use_sliding_window defaults to false");
            Assert.That((config.BosTokenId, config.EosTokenIds), Is.EqualTo(((long?)null, (IReadOnlyList<long>?)null)));
        });
        var windowed = LlamaParityTests.ReadConfig("""{"model_type": "qwen2", "use_sliding_window": true}""");
        Assert.That((windowed.SlidingWindowOf(27), windowed.SlidingWindowOf(28)), Is.EqualTo(((long?)null, (long?)4096)));
    }

    private Tensor SeqA() => Ids("seq_a.input_ids");
}
