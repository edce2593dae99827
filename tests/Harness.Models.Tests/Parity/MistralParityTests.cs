using System.Text.Json.Nodes;
using Harness.Models.Architectures.Llama;
using Harness.Torch;

namespace Harness.Models.Tests.Parity;

/// <summary>Mistral reproduces transformers' MistralForCausalLM on ../shared/fixtures/hf-parity/mistral
/// (shared checks: <see cref="CausalLmParityTests"/>, <see cref="RotaryFamilyParityTests"/>), whose
/// weights are bit-identical to the llama fixture's. Here: the sliding window of 6 masks every key
/// more than 5 positions back in every layer, cached keys included, and without it the model is Llama.</summary>
[TestFixture]
[Fast]
public sealed class MistralParityTests() : CausalLmParityTests("mistral")
{
    private HfParityFixture llama = null!;

    [OneTimeSetUp]
    public void ReadLlamaFixture() => llama = new HfParityFixture("llama");

    [OneTimeTearDown]
    public void ReleaseLlamaFixture() => llama.Dispose();

    [Test]
    public void Each_query_attends_to_itself_and_the_5_keys_before_it_in_every_layer()
    {
        using var scope = torch.NewDisposeScope();
        var output = Model.Forward(ModelInput.FromIds(SeqA()), new ForwardOptions { OutputAttentions = true });
        foreach (var probabilities in output.Attentions!)                                     // [1, H, T, T]
        {
            var values = probabilities.ToArray<float>();
            var t = (int)probabilities.size(2);
            for (var head = 0; head < 4; head++)
            for (var query = 0; query < t; query++)
            for (var key = 0; key < t; key++)
            {
                var p = values[(head * t + query) * t + key];
                if (key > query || key <= query - 6) Assert.That(p, Is.EqualTo(0f), $"head {head}, query {query}, key {key} is outside the window");
                else Assert.That(p, Is.GreaterThan(0f), $"head {head}, query {query}, key {key} is inside the window");
            }
        }
    }

    [Test]
    public void Generation_past_the_window_with_a_cache_masks_the_cached_keys_too()
    {
        // The shared generation test covers the ids; here the last step's attention is checked directly.
        using var scope = torch.NewDisposeScope();
        using var cache = Model.NewCache();
        var ids = SeqA();
        Model.Forward(ModelInput.FromIds(ids.narrow(1, 0, 10)) with { Cache = cache });
        var step = Model.Forward(ModelInput.FromIds(ids.narrow(1, 10, 1)) with { Cache = cache }, new ForwardOptions { OutputAttentions = true });
        var last = step.Attentions![0].select(2, 0);                                            // [1, H, 11]
        Assert.That(last.narrow(-1, 0, 5).abs().sum().ToDouble(), Is.EqualTo(0), "keys 0-4 are more than 5 back from position 10");
        Assert.That(last.narrow(-1, 5, 6).sum(-1).allclose(torch.ones([1, 4]), rtol: 0, atol: 1e-6), "keys 5-10 hold all the probability");
        ParityAssert.Close(step.Logits.select(1, 0), Fixture["seq_a.logits"][10], LogitTolerance, "logits of position 10");
    }

    [TestCase("absent", Description = "Mistral's default window, 4096, is longer than the sequence")]
    [TestCase("null", Description = "no window")]
    public void Without_a_window_shorter_than_the_sequence_Mistral_gives_the_llama_reference(string slidingWindow)
    {
        using var scope = torch.NewDisposeScope();
        using var copy = new FixtureCopy("mistral", c =>
        {
            if (slidingWindow == "absent") c.Remove("sliding_window");
            else c["sliding_window"] = null;
        });
        using var model = copy.Load();
        ParityAssert.Close(model.Forward(ModelInput.FromIds(SeqA())).Logits, llama["seq_a.logits"], LogitTolerance, "logits");
    }

    [Test]
    public void The_first_6_positions_equal_the_llama_reference_and_the_rest_do_not()
    {
        using var scope = torch.NewDisposeScope();
        var logits = Model.Forward(ModelInput.FromIds(SeqA())).Logits;                        // [1, 11, V]
        var reference = torch.tensor(HfParityFixture.Floats(llama["seq_a.logits"]), [1, 11, 97]);
        Assert.That(logits.narrow(1, 0, 6).allclose(reference.narrow(1, 0, 6), rtol: 0, atol: LogitTolerance), "positions 0-5 see no further than the window");
        Assert.That(logits.narrow(1, 6, 5).sub(reference.narrow(1, 6, 5)).abs().max().ToDouble(), Is.GreaterThan(0.1), "positions 6-10 lose keys to the window");
    }

    [Test]
    public void Mistral_defaults_are_transformers_MistralConfig_defaults()
    {
        var config = LlamaParityTests.ReadConfig("""{"model_type": "mistral", "attention_bias": true, "rope_scaling": {"rope_type": "linear", "factor": 2.0}}""");
        Assert.Multiple(() =>
        {
            Assert.That((config.VocabSize, config.Intermediate, config.KeyValueHeads, config.MaxPositions), Is.EqualTo((32000L, 14336L, 8L, 131072L)));
            Assert.That(config.SlidingWindowOf(0), Is.EqualTo(4096));
            Assert.That(config.SlidingWindowOf(31), Is.EqualTo(4096));
            Assert.That((config.QueryKeyValueBias, config.OutputBias), Is.EqualTo((false, false)), "Mistral has no attention_bias");
            Assert.That(config.Rope.Scaling, Is.Null, "Mistral has no rope scaling");
        });
    }

    private Tensor SeqA() => Ids("seq_a.input_ids");
}
