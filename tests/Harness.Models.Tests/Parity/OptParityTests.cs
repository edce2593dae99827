using Harness.Models.Architectures.Opt;
using Harness.Torch;

namespace Harness.Models.Tests.Parity;

/// <summary>OPT reproduces transformers' OPTForCausalLM on ../shared/fixtures/hf-parity: "opt" is
/// pre-LN with a final LayerNorm (125m style); "opt_350m_style" is post-LN without it, with 16-wide
/// token embeddings behind project_in / project_out. Positions come from the attention mask.</summary>
[TestFixture("opt")]
[TestFixture("opt_350m_style")]
[Fast]
public sealed class OptParityTests(string architecture) : CausalLmParityTests(architecture)
{
    /// <summary>Positions passed explicitly (cumsum(mask) - 1, pads at 1, as generate() builds them)
    /// are offset by 2 like the derived ones; only pad positions differ, and pads are never attended.</summary>
    [Test]
    public void Explicit_position_ids_give_the_derived_positions_logits_at_real_positions()
    {
        using var scope = torch.NewDisposeScope();
        var b = Fixture["batches.left_padded"];
        var shape = HfParityFixture.Shape(b.GetProperty("input_ids"));
        var ids = torch.tensor(HfParityFixture.Longs(b.GetProperty("input_ids")), shape);
        var maskValues = HfParityFixture.Longs(b.GetProperty("attention_mask"));
        var mask = torch.tensor(maskValues, shape);
        var positions = mask.cumsum(1).sub(1).masked_fill(mask.eq(0), 1);                           // [2, 11]
        var logits = Model.Forward(ModelInput.FromIds(ids, mask, positions)).Logits;
        ParityAssert.CloseAtRealPositions(logits, b.GetProperty("logits"), maskValues, LogitTolerance, "explicit positions");
    }

    [Test]
    public void Input_embeddings_from_Embed_give_the_logits_of_the_ids()
    {
        using var scope = torch.NewDisposeScope();
        var ids = Ids("seq_a.input_ids");
        var embeddings = Model.Embed(ids);
        Assert.That(embeddings.size(-1), Is.EqualTo(((OptModel)Model).Config.EmbedDim), "embeddings are word_embed_proj_dim wide (before project_in)");
        var logits = Model.Forward(ModelInput.FromEmbeddings(embeddings)).Logits;
        ParityAssert.Close(logits, Fixture["seq_a.logits"], LogitTolerance, "logits from input embeddings");
    }

    /// <summary>Pre-LN: the layer output is the input plus both sub-layer outputs. Post-LN: a LayerNorm
    /// follows each sum, so the layer output is normalised (its mean over features is the bias mean).</summary>
    [Test]
    public void Sublayer_outputs_join_the_residual_stream_as_the_config_says()
    {
        using var scope = torch.NewDisposeScope();
        var capture = new ActivationCapture(CapturePoint.ResidualInput, CapturePoint.AttentionOutput, CapturePoint.MlpOutput, CapturePoint.ResidualOutput);
        Model.Forward(ModelInput.FromIds(Ids("seq_a.input_ids")), new ForwardOptions { Capture = capture });
        var sum = capture.Get(1, CapturePoint.ResidualInput).add(capture.Get(1, CapturePoint.AttentionOutput)).add(capture.Get(1, CapturePoint.MlpOutput));
        var output = capture.Get(1, CapturePoint.ResidualOutput);
        if (((OptModel)Model).Config.LayerNormBefore)
            Assert.That(output.allclose(sum, rtol: 0, atol: 1e-5), "pre-LN: output = input + attention + MLP");
        else
            Assert.That(output.allclose(sum, rtol: 0, atol: 1e-2), Is.False, "post-LN: a LayerNorm follows the sums");
    }
}
