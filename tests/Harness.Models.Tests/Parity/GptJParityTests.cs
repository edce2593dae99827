using Harness.Models.Architectures.GptJ;
using Harness.Torch;

namespace Harness.Models.Tests.Parity;

/// <summary>GPT-J reproduces transformers' GPTJForCausalLM on ../shared/fixtures/hf-parity/gptj:
/// rotary_dim 4 of head_dim 8 (partial, interleaved pairs), parallel attention and MLP off one ln_1,
/// q/k/v without biases, an untied head with a bias.</summary>
[TestFixture]
[Fast]
public sealed class GptJParityTests() : CausalLmParityTests("gptj")
{
    [Test]
    public void Attention_and_mlp_both_read_ln_1_and_join_the_residual_stream_together()
    {
        using var scope = torch.NewDisposeScope();
        var capture = new ActivationCapture(CapturePoint.ResidualInput, CapturePoint.AttentionOutput, CapturePoint.MlpOutput, CapturePoint.ResidualOutput);
        Model.Forward(ModelInput.FromIds(Ids("seq_a.input_ids")), new ForwardOptions { Capture = capture });
        for (var layer = 0; layer < 2; layer++)
        {
            var sum = capture.Get(layer, CapturePoint.AttentionOutput).add(capture.Get(layer, CapturePoint.MlpOutput)).add(capture.Get(layer, CapturePoint.ResidualInput));
            Assert.That(capture.Get(layer, CapturePoint.ResidualOutput).equal(sum), $"layer {layer}: output = attention + MLP + input");
        }
    }

    /// <summary>Shifting every position changes the first rotary_dim features of queries and keys
    /// only; the rest of each head and the values do not see positions.</summary>
    [Test]
    public void Only_the_first_rotary_dim_features_of_queries_and_keys_depend_on_position()
    {
        using var scope = torch.NewDisposeScope();
        var rotary = ((GptJModel)Model).Config.RotarySize;
        var ids = Ids("seq_b.input_ids");
        var t = ids.size(1);
        var near = new ActivationCapture(CapturePoint.Query, CapturePoint.Key, CapturePoint.Value);
        var far = new ActivationCapture(CapturePoint.Query, CapturePoint.Key, CapturePoint.Value);
        Model.Forward(ModelInput.FromIds(ids, positionIds: torch.arange(0, t).unsqueeze(0)), new ForwardOptions { Capture = near });
        Model.Forward(ModelInput.FromIds(ids, positionIds: torch.arange(20, 20 + t).unsqueeze(0)), new ForwardOptions { Capture = far });
        Assert.Multiple(() =>
        {
            foreach (var point in new[] { CapturePoint.Query, CapturePoint.Key })
            {
                var (a, b) = (near.Get(0, point), far.Get(0, point));
                var headDim = a.size(-1);
                Assert.That(a.narrow(-1, rotary, headDim - rotary).equal(b.narrow(-1, rotary, headDim - rotary)), $"{point}: features past rotary_dim");
                Assert.That(a.narrow(-1, 0, rotary).equal(b.narrow(-1, 0, rotary)), Is.False, $"{point}: rotated features");
            }

            Assert.That(near.Get(0, CapturePoint.Value).equal(far.Get(0, CapturePoint.Value)), "values");
        });
    }

    /// <summary>Relative positions are all rotary attention sees: shifting every position leaves
    /// the logits unchanged up to rounding.</summary>
    [Test]
    public void Shifting_all_positions_leaves_the_logits_unchanged()
    {
        using var scope = torch.NewDisposeScope();
        var ids = Ids("seq_b.input_ids");
        var t = ids.size(1);
        var shifted = Model.Forward(ModelInput.FromIds(ids, positionIds: torch.arange(20, 20 + t).unsqueeze(0))).Logits;
        ParityAssert.Close(shifted, Fixture["seq_b.logits"], 1e-4, "logits with positions 20..");
    }
}
