using System.Text.Json;
using Harness.Torch;

namespace Harness.Models.Tests.Parity;

/// <summary>What the rotary-position models (Llama, Mistral, Qwen2, Phi-3) share beyond
/// <see cref="CausalLmParityTests"/>: pad positions match the reference too (the masks use the same
/// finite minimum), input embeddings stand in for ids, only relative positions matter, keys and values
/// are cached and captured per key/value head, and nothing leaks.</summary>
[TestFixture("llama")]
[TestFixture("mistral")]
[TestFixture("qwen2")]
[TestFixture("phi3")]
[Fast]
public sealed class RotaryFamilyParityTests(string architecture)
{
    private const double LogitTolerance = 1e-5;
    private HfParityFixture fixture = null!;
    private ILanguageModel model = null!;

    [OneTimeSetUp]
    public void LoadModel()
    {
        fixture = new HfParityFixture(architecture);
        model = ModelLoader.Load(fixture.Directory);
    }

    [OneTimeTearDown]
    public void Release()
    {
        model.Dispose();
        fixture.Dispose();
    }

    [TestCase("left_padded")]
    [TestCase("right_padded")]
    public void Pad_positions_give_the_reference_logits_too(string batch)
    {
        using var scope = torch.NewDisposeScope();
        var b = fixture[$"batches.{batch}"];
        var shape = HfParityFixture.Shape(b.GetProperty("input_ids"));
        var ids = torch.tensor(HfParityFixture.Longs(b.GetProperty("input_ids")), shape);
        var mask = torch.tensor(HfParityFixture.Longs(b.GetProperty("attention_mask")), shape);
        var positions = b.GetProperty("position_ids").ValueKind == JsonValueKind.Null
            ? null
            : torch.tensor(HfParityFixture.Longs(b.GetProperty("position_ids")), shape);
        var logits = model.Forward(ModelInput.FromIds(ids, mask, positions)).Logits;
        ParityAssert.Close(logits, b.GetProperty("logits"), LogitTolerance, $"{batch}, every position");
    }

    [Test]
    public void Input_embeddings_from_Embed_give_the_logits_of_the_ids()
    {
        using var scope = torch.NewDisposeScope();
        var logits = model.Forward(ModelInput.FromEmbeddings(model.Embed(SeqA()))).Logits;
        ParityAssert.Close(logits, fixture["seq_a.logits"], LogitTolerance, "logits from input embeddings");
    }

    [Test]
    public void Shifting_all_positions_leaves_the_logits_unchanged()
    {
        using var scope = torch.NewDisposeScope();
        var ids = SeqA();
        var shifted = model.Forward(ModelInput.FromIds(ids, positionIds: torch.arange(30, 30 + ids.size(1)).unsqueeze(0))).Logits;
        ParityAssert.Close(shifted, fixture["seq_a.logits"], 1e-4, "logits with positions 30..");
    }

    [Test]
    public void Keys_and_values_are_cached_and_captured_per_key_value_head_before_repetition()
    {
        using var scope = torch.NewDisposeScope();
        using var cache = model.NewCache();
        var ids = SeqA();
        model.Forward(ModelInput.FromIds(ids.narrow(1, 0, 8)) with { Cache = cache });
        var capture = new ActivationCapture(CapturePoint.Query, CapturePoint.Key, CapturePoint.Value);
        var logits = model.Forward(ModelInput.FromIds(ids.narrow(1, 8, 3)) with { Cache = cache }, new ForwardOptions { Capture = capture }).Logits;
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(fixture.Directory, "config.json")));
        var keyValueHeads = config.RootElement.GetProperty("num_key_value_heads").GetInt64();
        Assert.Multiple(() =>
        {
            Assert.That(capture.Get(1, CapturePoint.Query).shape, Is.EqualTo(new long[] { 1, 4, 3, 8 }), "queries [B, H, T, Dh]");
            Assert.That(capture.Get(1, CapturePoint.Key).shape, Is.EqualTo(new long[] { 1, keyValueHeads, 11, 8 }), "keys [B, Hkv, S, Dh]");
            Assert.That(capture.Get(1, CapturePoint.Value).shape, Is.EqualTo(new long[] { 1, keyValueHeads, 11, 8 }), "values [B, Hkv, S, Dh]");
            Assert.That(cache.Length, Is.EqualTo(11));
        });
        var reference = torch.tensor(HfParityFixture.Floats(fixture["seq_a.logits"]), [1, 11, 97]).narrow(1, 8, 3);
        Assert.That(logits.allclose(reference, rtol: 0, atol: LogitTolerance), "the last 3 positions through the cache");
    }

    [Test]
    public void A_forward_pass_and_a_cache_leave_no_live_tensors_behind()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = Tensor.LiveCount;
        using (var scope = torch.NewDisposeScope())
        {
            using var cache = model.NewCache();
            model.Forward(ModelInput.FromIds(SeqA()) with { Cache = cache }, new ForwardOptions { OutputAttentions = true, OutputHiddenStates = true });
            model.Forward(ModelInput.FromIds(torch.tensor(new long[] { 7 }, [1, 1])) with { Cache = cache });
        }

        Assert.That(Tensor.LiveCount, Is.EqualTo(before));
    }

    private Tensor SeqA()
    {
        var ids = HfParityFixture.Longs(fixture["seq_a.input_ids"]);
        return torch.tensor(ids, [1, ids.Length]);
    }
}
