using System.Text.Json.Nodes;
using Harness.Models.Architectures.Llama;
using Harness.Models.Loading;
using Harness.Torch;

namespace Harness.Models.Tests.Parity;

/// <summary>Phi-3 reproduces transformers' Phi3ForCausalLM on ../shared/fixtures/hf-parity/phi3
/// (shared checks: <see cref="CausalLmParityTests"/>, <see cref="RotaryFamilyParityTests"/>). Here:
/// the fused projections hold queries, keys, values and gate, up in that order (Llama run on the split
/// weights gives the Phi-3 reference), LongRoPE picks its short or long factors by the largest
/// position of each forward pass, and a sliding_window masks.</summary>
[TestFixture]
[Fast]
public sealed class Phi3ParityTests() : CausalLmParityTests("phi3")
{
    [Test]
    public void Llama_on_the_split_fused_weights_gives_the_phi3_reference()
    {
        using var scope = torch.NewDisposeScope();
        using var weights = new CheckpointWeights(Fixture.Directory);
        var config = new LlamaConfig
        {
            VocabSize = 97, Hidden = 32, Intermediate = 64, Layers = 2, Heads = 4, KeyValueHeadsInFile = 4,
            MaxPositions = 64, RmsNormEps = 1e-5, RopeTheta = 10000.0,
        };
        using var model = new LlamaModel(new SplitPhi3Weights(weights), config);
        var logits = model.Forward(ModelInput.FromIds(Ids("seq_a.input_ids"))).Logits;
        ParityAssert.Close(logits, Fixture["seq_a.logits"], LogitTolerance, "Llama on split Phi-3 weights");
    }

    [TestCase("longrope")]
    [TestCase("su")]
    [TestCase("yarn")]
    public void LongRoPE_with_unit_factors_and_no_extension_gives_the_reference(string type)
    {
        using var scope = torch.NewDisposeScope();
        using var copy = new FixtureCopy("phi3", c => c["rope_scaling"] = LongRope(type, [1, 1, 1, 1], [3, 3, 3, 3]));
        using var model = copy.Load();
        ParityAssert.Close(model.Forward(ModelInput.FromIds(Ids("seq_a.input_ids"))).Logits, Fixture["seq_a.logits"], LogitTolerance, "logits");
    }

    [Test]
    public void LongRoPE_uses_the_long_factors_once_positions_pass_the_original_context()
    {
        // original = max = 8, so cos and sin keep scale 1; short factors 2 change the rotations,
        // long factors 1 reproduce the reference. seq_a has 11 positions, seq_b 7.
        using var scope = torch.NewDisposeScope();
        using var copy = new FixtureCopy("phi3", c =>
        {
            c["max_position_embeddings"] = 8;
            c["original_max_position_embeddings"] = 8;
            c["rope_scaling"] = LongRope("longrope", [2, 2, 2, 2], [1, 1, 1, 1]);
        });
        using var model = copy.Load();
        ParityAssert.Close(model.Forward(ModelInput.FromIds(Ids("seq_a.input_ids"))).Logits, Fixture["seq_a.logits"], LogitTolerance, "11 positions: long factors");
        var shortLogits = model.Forward(ModelInput.FromIds(Ids("seq_b.input_ids"))).Logits;
        var reference = torch.tensor(HfParityFixture.Floats(Fixture["seq_b.logits"]), shortLogits.shape);
        Assert.That(shortLogits.sub(reference).abs().max().ToDouble(), Is.GreaterThan(1e-3), "7 positions: short factors");
    }

    [Test]
    public void A_rope_scaling_other_than_LongRoPE_is_refused()
    {
        using var copy = new FixtureCopy("phi3", c => c["rope_scaling"] = new JsonObject { ["type"] = "linear", ["factor"] = 2.0 });
        var e = Assert.Throws<NotSupportedException>(() => copy.Load())!;
        Assert.That(e.Message, Does.Contain("'linear'").And.Contain("longrope"));
    }

    [Test]
    public void A_sliding_window_masks_keys_too_far_back()
    {
        using var scope = torch.NewDisposeScope();
        using var copy = new FixtureCopy("phi3", c => c["sliding_window"] = 4);
        using var model = copy.Load();
        var attentions = model.Forward(ModelInput.FromIds(Ids("seq_a.input_ids")), new ForwardOptions { OutputAttentions = true }).Attentions!;
        var outside = torch.ones([11, 11]).tril(-4);                                          // keys 4 or more back
        foreach (var layer in attentions) Assert.That(layer.mul(outside).abs().sum().ToDouble(), Is.EqualTo(0));
    }

    private static JsonObject LongRope(string type, double[] shortFactor, double[] longFactor) => new()
    {
        ["type"] = type,
        ["short_factor"] = new JsonArray(shortFactor.Select(x => (JsonNode?)x).ToArray()),
        ["long_factor"] = new JsonArray(longFactor.Select(x => (JsonNode?)x).ToArray()),
    };

    /// <summary>The Phi-3 checkpoint under Llama's names: q/k/v are row blocks of qkv_proj, gate and
    /// up the two halves of gate_up_proj; every other tensor is taken as it is.</summary>
    private sealed class SplitPhi3Weights(CheckpointWeights phi3) : IWeightSource
    {
        public bool Has(string name) => phi3.Has(name);

        public Tensor Take(string name, long[] shape, WeightInit init)
        {
            return name switch
            {
                _ when name.EndsWith(".q_proj.weight", StringComparison.Ordinal) => Rows(name, ".q_proj.weight", ".qkv_proj.weight", [96, 32], 0, 32),
                _ when name.EndsWith(".k_proj.weight", StringComparison.Ordinal) => Rows(name, ".k_proj.weight", ".qkv_proj.weight", [96, 32], 32, 32),
                _ when name.EndsWith(".v_proj.weight", StringComparison.Ordinal) => Rows(name, ".v_proj.weight", ".qkv_proj.weight", [96, 32], 64, 32),
                _ when name.EndsWith(".gate_proj.weight", StringComparison.Ordinal) => Rows(name, ".gate_proj.weight", ".gate_up_proj.weight", [128, 32], 0, 64),
                _ when name.EndsWith(".up_proj.weight", StringComparison.Ordinal) => Rows(name, ".up_proj.weight", ".gate_up_proj.weight", [128, 32], 64, 64),
                _ => phi3.Take(name, shape, init),
            };
        }

        private Tensor Rows(string name, string suffix, string fusedSuffix, long[] fusedShape, long start, long count)
        {
            var fused = name[..^suffix.Length] + fusedSuffix;
            return phi3.Take(fused, fusedShape, WeightInit.Normal).narrow(0, start, count).contiguous();
        }
    }
}
