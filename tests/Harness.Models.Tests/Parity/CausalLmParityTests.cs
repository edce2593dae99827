using Harness.Models.Generation;
using Harness.Torch;
using Harness.Torch.NN;

namespace Harness.Models.Tests.Parity;

/// <summary>The checks every causal LM fixture adds: greedy generation (ids exact, with and without
/// the KV cache) and incremental decoding that reproduces the whole-sequence logits, with position
/// ids left to the model as transformers does.</summary>
[Fast]
public abstract class CausalLmParityTests(string architecture, Device? device = null) : FixtureParityTests<ILanguageModel>(architecture, device)
{
    protected override ILanguageModel Load(string directory, Device device) => ModelLoader.Load(directory, device: device);

    protected override ModelOutput Forward(ModelInput input, ForwardOptions? options = null) => Model.Forward(input, options);

    /// <summary>Device and DType are those of the weights as loaded (float32 on the CPU here), and of
    /// what Embed returns: callers make their inputs there instead of probing the model.</summary>
    [Test]
    public void Device_and_dtype_are_those_of_the_loaded_weights()
    {
        using var scope = torch.NewDisposeScope();
        var embedded = Model.Embed(torch.tensor(new long[] { 1 }, [1, 1], device: Model.Device));
        Assert.Multiple(() =>
        {
            Assert.That(Model.Device, Is.EqualTo(Device.CPU));
            Assert.That(Model.DType, Is.EqualTo(ScalarType.Float32));
            Assert.That(((Module)Model).parameters().Select(p => (p.device, p.dtype)), Is.All.EqualTo((Model.Device, Model.DType)));
            Assert.That((embedded.device, embedded.dtype), Is.EqualTo((Model.Device, Model.DType)));
        });
    }

    [Test]
    public void Greedy_generation_gives_the_reference_ids(
        [Values("seq_a", "seq_a_no_eos", "left_padded_batch", "left_padded_batch_no_eos")] string name,
        [Values(true, false)] bool useCache)
    {
        using var scope = torch.NewDisposeScope();
        var g = Fixture[$"generate.{name}"];
        var kwargs = Fixture["generate.kwargs"];
        var inputShape = HfParityFixture.Shape(g.GetProperty("input_ids"));
        if (inputShape.Length == 1) inputShape = [1, inputShape[0]];
        var ids = torch.tensor(HfParityFixture.Longs(g.GetProperty("input_ids")), inputShape, device: Device);
        var mask = g.TryGetProperty("attention_mask", out var m) ? torch.tensor(HfParityFixture.Longs(m), inputShape, device: Device) : null;
        long? eos = name.EndsWith("_no_eos", StringComparison.Ordinal) ? null : kwargs.GetProperty("eos_token_id").GetInt64();

        var output = GreedyGeneration.Generate(Model, ids, mask, kwargs.GetProperty("max_new_tokens").GetInt32(), eos,
            kwargs.GetProperty("pad_token_id").GetInt64(), useCache);

        Assert.That(output.ToArray<long>(), Is.EqualTo(HfParityFixture.Longs(g.GetProperty("output_ids"))));
    }

    /// <summary>The left-padded batch fed as 8 positions, then one position at a time through the
    /// cache, with the mask over cached and new positions and no position ids, gives the logits of
    /// one pass over all 11 and transformers' (real positions).</summary>
    [Test]
    public void Decoding_through_the_cache_reproduces_the_whole_sequence_logits()
    {
        using var scope = torch.NewDisposeScope();
        // Without position ids the model picks them as transformers does: from the mask (OPT) or
        // 0..T-1 (the others), so the reference is the batch run without explicit positions when
        // the fixture has one (it differs from left_padded for GPT-2's absolute positions).
        var b = Fixture["batches"].TryGetProperty("left_padded_default_positions", out var defaults) ? defaults : Fixture["batches.left_padded"];
        var shape = HfParityFixture.Shape(b.GetProperty("input_ids"));
        var ids = torch.tensor(HfParityFixture.Longs(b.GetProperty("input_ids")), shape, device: Device);           // [2, 11]
        var maskValues = HfParityFixture.Longs(b.GetProperty("attention_mask"));
        var mask = torch.tensor(maskValues, shape, device: Device);
        var whole = Model.Forward(ModelInput.FromIds(ids, mask)).Logits;                             // [2, 11, V]

        using var cache = Model.NewCache();
        var capture = new ActivationCapture(CapturePoint.Query, CapturePoint.Key, CapturePoint.Value);
        var pieces = new List<Tensor>();
        for (long start = 0, length = 8; start < shape[1]; start += length, length = 1)
        {
            var input = ModelInput.FromIds(ids.narrow(1, start, length), mask.narrow(1, 0, start + length)) with { Cache = cache };
            pieces.Add(Model.Forward(input, new ForwardOptions { Capture = capture }).Logits);
        }

        var incremental = torch.cat(pieces, 1);                                                      // [2, 11, V]
        ParityAssert.CloseAtRealPositions(incremental, b.GetProperty("logits"), maskValues, LogitTolerance, "incremental logits vs reference");
        Assert.Multiple(() =>
        {
            Assert.That(cache.Length, Is.EqualTo(shape[1]));
            Assert.That(capture.Get(0, CapturePoint.Query).size(2), Is.EqualTo(1), "queries of the last step");
            Assert.That(capture.Get(0, CapturePoint.Key).size(2), Is.EqualTo(shape[1]), "keys include the cached positions");
            Assert.That(capture.Get(0, CapturePoint.Value).size(2), Is.EqualTo(shape[1]), "values include the cached positions");
            var real = mask.to(ScalarType.Bool).unsqueeze(-1).expand_as(whole);
            Assert.That(incremental.sub(whole).abs().masked_fill(real.logical_not(), 0).max().ToDouble(), Is.LessThan(LogitTolerance), "incremental vs one pass");
        });
    }
}
