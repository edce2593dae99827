using Harness.Models.Generation;
using Harness.Torch;

namespace Harness.Models.Tests.Parity;

/// <summary>GPT-2 reproduces transformers' GPT2LMHeadModel on ../shared/fixtures/hf-parity/gpt2:
/// logits, hidden states and the input-embedding gradient within 1e-5, attention probabilities
/// within 1e-6 (positions whose attention mask is 1), greedy ids exactly.</summary>
[TestFixture]
public sealed class Gpt2ParityTests
{
    private const double LogitTolerance = 1e-5;
    private const double AttentionTolerance = 1e-6;
    private HfParityFixture fixture = null!;
    private ILanguageModel model = null!;

    [OneTimeSetUp]
    public void LoadModel()
    {
        fixture = new HfParityFixture("gpt2");
        model = ModelLoader.Load(fixture.Directory);
    }

    [OneTimeTearDown]
    public void Release()
    {
        model.Dispose();
        fixture.Dispose();
    }

    [Test]
    public void Unpadded_sequence_gives_the_reference_logits_attentions_and_hidden_states()
    {
        using var scope = torch.NewDisposeScope();
        var ids = HfParityFixture.Longs(fixture["seq_a.input_ids"]);
        var output = model.Forward(ModelInput.FromIds(torch.tensor(ids, [1, ids.Length])),
            new ForwardOptions { OutputAttentions = true, OutputHiddenStates = true });

        ParityAssert.Close(output.Logits, fixture["seq_a.logits"], LogitTolerance, "logits");
        var attentions = fixture["seq_a.attentions"];
        Assert.That(output.Attentions!, Has.Count.EqualTo(attentions.GetArrayLength()));
        for (var layer = 0; layer < output.Attentions!.Count; layer++)
            ParityAssert.Close(output.Attentions[layer], attentions[layer], AttentionTolerance, $"attention probabilities of layer {layer}");
        var hidden = fixture["seq_a.hidden_states"];
        Assert.That(output.HiddenStates!, Has.Count.EqualTo(hidden.GetArrayLength()));
        for (var i = 0; i < output.HiddenStates!.Count; i++)
            ParityAssert.Close(output.HiddenStates[i], hidden[i], LogitTolerance, $"hidden state {i}");
    }

    [Test]
    public void A_second_sequence_gives_the_reference_logits()
    {
        using var scope = torch.NewDisposeScope();
        var ids = HfParityFixture.Longs(fixture["seq_b.input_ids"]);
        var logits = model.Forward(ModelInput.FromIds(torch.tensor(ids, [1, ids.Length]))).Logits;
        ParityAssert.Close(logits, fixture["seq_b.logits"], LogitTolerance, "logits");
    }

    [TestCase("left_padded")]
    [TestCase("left_padded_default_positions")]
    [TestCase("right_padded")]
    public void Padded_batches_give_the_reference_logits_at_real_positions(string batch)
    {
        using var scope = torch.NewDisposeScope();
        var b = fixture[$"batches.{batch}"];
        var shape = HfParityFixture.Shape(b.GetProperty("input_ids"));
        var ids = torch.tensor(HfParityFixture.Longs(b.GetProperty("input_ids")), shape);
        var maskValues = HfParityFixture.Longs(b.GetProperty("attention_mask"));
        var mask = torch.tensor(maskValues, shape);
        var positions = b.GetProperty("position_ids").ValueKind == System.Text.Json.JsonValueKind.Null
            ? null
            : torch.tensor(HfParityFixture.Longs(b.GetProperty("position_ids")), shape);
        var logits = model.Forward(ModelInput.FromIds(ids, mask, positions)).Logits;
        ParityAssert.CloseAtRealPositions(logits, b.GetProperty("logits"), maskValues, LogitTolerance, batch);
    }

    [Test]
    public void Gradient_of_a_target_log_probability_with_respect_to_input_embeddings_matches()
    {
        using var scope = torch.NewDisposeScope();
        var g = fixture["grad_attribution"];
        var ids = HfParityFixture.Longs(g.GetProperty("input_ids"));
        var target = g.GetProperty("target_id").GetInt64();
        var embeddings = model.Embed(torch.tensor(ids, [1, ids.Length])).detach().requires_grad_();
        var logits = model.Forward(ModelInput.FromEmbeddings(embeddings)).Logits;               // [1, T, V]
        var objective = logits.select(1, -1).log_softmax(-1).select(1, target).sum();
        var gradient = torch.autograd.grad(objective, embeddings);

        ParityAssert.Close(embeddings, g.GetProperty("inputs_embeds"), LogitTolerance, "input embeddings");
        Assert.That(objective.ToDouble(), Is.EqualTo(g.GetProperty("objective_value").GetDouble()).Within(LogitTolerance), "objective");
        ParityAssert.Close(gradient, g.GetProperty("grad_inputs_embeds"), LogitTolerance, "d objective / d input embeddings");
    }

    [Test]
    public void Greedy_generation_gives_the_reference_ids(
        [Values("seq_a", "seq_a_no_eos", "left_padded_batch", "left_padded_batch_no_eos")] string name,
        [Values(true, false)] bool useCache)
    {
        using var scope = torch.NewDisposeScope();
        var g = fixture[$"generate.{name}"];
        var kwargs = fixture["generate.kwargs"];
        var inputShape = HfParityFixture.Shape(g.GetProperty("input_ids"));
        if (inputShape.Length == 1) inputShape = [1, inputShape[0]];
        var ids = torch.tensor(HfParityFixture.Longs(g.GetProperty("input_ids")), inputShape);
        var mask = g.TryGetProperty("attention_mask", out var m) ? torch.tensor(HfParityFixture.Longs(m), inputShape) : null;
        long? eos = name.EndsWith("_no_eos", StringComparison.Ordinal) ? null : kwargs.GetProperty("eos_token_id").GetInt64();

        var output = GreedyGeneration.Generate(model, ids, mask, kwargs.GetProperty("max_new_tokens").GetInt32(), eos,
            kwargs.GetProperty("pad_token_id").GetInt64(), useCache);

        Assert.That(output.ToArray<long>(), Is.EqualTo(HfParityFixture.Longs(g.GetProperty("output_ids"))));
    }
}
