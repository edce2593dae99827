using Harness.Torch;

namespace Harness.Models.Tests.Parity;

/// <summary>GPT-2 reproduces transformers' GPT2LMHeadModel on ../shared/fixtures/hf-parity/gpt2
/// (Conv1D weights stored [in, out], fused c_attn, learned absolute positions, gelu_new, tied head);
/// the shared checks come from <see cref="CausalLmParityTests"/>. Only GPT-2's fixture carries the
/// input-embedding gradient.</summary>
[TestFixture]
[Fast]
public sealed class Gpt2ParityTests() : CausalLmParityTests("gpt2")
{
    [Test]
    public void Gradient_of_a_target_log_probability_with_respect_to_input_embeddings_matches()
    {
        using var scope = torch.NewDisposeScope();
        var g = Fixture["grad_attribution"];
        var ids = HfParityFixture.Longs(g.GetProperty("input_ids"));
        var target = g.GetProperty("target_id").GetInt64();
        var embeddings = Model.Embed(torch.tensor(ids, [1, ids.Length])).detach().requires_grad_();
        var logits = Model.Forward(ModelInput.FromEmbeddings(embeddings)).Logits;               // [1, T, V]
        var objective = logits.select(1, -1).log_softmax(-1).select(1, target).sum();
        var gradient = torch.autograd.grad(objective, embeddings);

        ParityAssert.Close(embeddings, g.GetProperty("inputs_embeds"), LogitTolerance, "input embeddings");
        Assert.That(objective.ToDouble(), Is.EqualTo(g.GetProperty("objective_value").GetDouble()).Within(LogitTolerance), "objective");
        ParityAssert.Close(gradient, g.GetProperty("grad_inputs_embeds"), LogitTolerance, "d objective / d input embeddings");
    }

    [Test]
    public void Absolute_positions_make_left_padding_without_position_ids_differ_from_the_unpadded_run()
    {
        // The fixture's left_padded_default_positions logits differ from seq_b's by up to 4.26 for
        // GPT-2 (the README's diagnostics); reproducing that shows positions are not derived from the mask.
        using var scope = torch.NewDisposeScope();
        var b = Fixture["batches.left_padded_default_positions"];
        var shape = HfParityFixture.Shape(b.GetProperty("input_ids"));
        var logits = Model.Forward(ModelInput.FromIds(torch.tensor(HfParityFixture.Longs(b.GetProperty("input_ids")), shape),
            torch.tensor(HfParityFixture.Longs(b.GetProperty("attention_mask")), shape))).Logits;
        var seqB = Model.Forward(ModelInput.FromIds(Ids("seq_b.input_ids"))).Logits;               // [1, 7, V]
        var shifted = logits.select(0, 1).narrow(0, shape[1] - seqB.size(1), seqB.size(1));         // row 1's real positions
        Assert.That(shifted.sub(seqB.select(0, 0)).abs().max().ToDouble(), Is.GreaterThan(1.0));
    }
}
