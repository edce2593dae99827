using System.Text.Json;
using Harness.Models.Formats;
using Harness.Torch;
using Harness.Torch.NN;

namespace Harness.Models.Tests.Parity;

/// <summary>The checks every model of ../shared/fixtures/hf-parity shares: logits, per-layer
/// attention probabilities and hidden states of the first sequence, logits of the second, padded
/// batches at the positions whose attention mask is 1, every capture point, and parameter names equal
/// to the checkpoint's. Logits and hidden states within 1e-5, attention probabilities within 1e-6, on
/// the CPU and, through <see cref="GpuParityTests"/>, on a GPU where libtorch sees one.</summary>
[Fast]
public abstract class FixtureParityTests<TModel>(string architecture, Device? device = null) where TModel : class, IDisposable
{
    protected const double LogitTolerance = 1e-5;
    protected const double AttentionTolerance = 1e-6;

    protected HfParityFixture Fixture { get; private set; } = null!;

    protected TModel Model { get; private set; } = null!;

    /// <summary>Where the model runs and every input tensor is made.</summary>
    protected Device Device { get; } = device ?? Device.CPU;

    protected abstract TModel Load(string directory, Device device);

    protected abstract ModelOutput Forward(ModelInput input, ForwardOptions? options = null);

    [OneTimeSetUp]
    public void LoadModel()
    {
        Fixture = new HfParityFixture(architecture);
        Model = Load(Fixture.Directory, Device);
    }

    [OneTimeTearDown]
    public void Release()
    {
        Model.Dispose();
        Fixture.Dispose();
    }

    /// <summary>[1, T] ids of a fixture entry such as "seq_a.input_ids".</summary>
    protected Tensor Ids(string path)
    {
        var ids = HfParityFixture.Longs(Fixture[path]);
        return torch.tensor(ids, [1, ids.Length], device: Device);
    }

    [Test]
    public void Unpadded_sequence_gives_the_reference_logits_attentions_and_hidden_states()
    {
        using var scope = torch.NewDisposeScope();
        var output = Forward(ModelInput.FromIds(Ids("seq_a.input_ids")), new ForwardOptions { OutputAttentions = true, OutputHiddenStates = true });

        ParityAssert.Close(output.Logits, Fixture["seq_a.logits"], LogitTolerance, "logits");
        var attentions = Fixture["seq_a.attentions"];
        Assert.That(output.Attentions!, Has.Count.EqualTo(attentions.GetArrayLength()));
        for (var layer = 0; layer < output.Attentions!.Count; layer++)
            ParityAssert.Close(output.Attentions[layer], attentions[layer], AttentionTolerance, $"attention probabilities of layer {layer}");
        var hidden = Fixture["seq_a.hidden_states"];
        Assert.That(output.HiddenStates!, Has.Count.EqualTo(hidden.GetArrayLength()));
        for (var i = 0; i < output.HiddenStates!.Count; i++)
            ParityAssert.Close(output.HiddenStates[i], hidden[i], LogitTolerance, $"hidden state {i}");
    }

    [Test]
    public void A_second_sequence_gives_the_reference_logits()
    {
        using var scope = torch.NewDisposeScope();
        var logits = Forward(ModelInput.FromIds(Ids("seq_b.input_ids"))).Logits;
        ParityAssert.Close(logits, Fixture["seq_b.logits"], LogitTolerance, "logits");
    }

    /// <summary>Left and right padding (and, where the fixture has it, left padding with explicit
    /// positions); position ids are passed only where the fixture stores them.</summary>
    [Test]
    public void Every_padded_batch_gives_the_reference_logits_at_real_positions()
    {
        var batches = Fixture["batches"].EnumerateObject().ToList();
        Assert.That(batches, Is.Not.Empty);
        Assert.Multiple(() =>
        {
            foreach (var batch in batches)
            {
                using var scope = torch.NewDisposeScope();
                var b = batch.Value;
                var shape = HfParityFixture.Shape(b.GetProperty("input_ids"));
                var ids = torch.tensor(HfParityFixture.Longs(b.GetProperty("input_ids")), shape, device: Device);
                var maskValues = HfParityFixture.Longs(b.GetProperty("attention_mask"));
                var positions = b.GetProperty("position_ids").ValueKind == JsonValueKind.Null
                    ? null
                    : torch.tensor(HfParityFixture.Longs(b.GetProperty("position_ids")), shape, device: Device);
                var logits = Forward(ModelInput.FromIds(ids, torch.tensor(maskValues, shape, device: Device), positions)).Logits;
                ParityAssert.CloseAtRealPositions(logits, b.GetProperty("logits"), maskValues, LogitTolerance, batch.Name);
            }
        });
    }

    [Test]
    public void Every_capture_point_is_recorded_in_every_layer_and_the_residual_stream_chains()
    {
        using var scope = torch.NewDisposeScope();
        var capture = new ActivationCapture(Enum.GetValues<CapturePoint>());
        var ids = torch.tensor(new long[] { 5, 17, 42, 88, 23, 61 }, [2, 3], device: Device);
        var output = Forward(ModelInput.FromIds(ids), new ForwardOptions { Capture = capture, OutputHiddenStates = true, OutputAttentions = true });
        var layers = output.Attentions!.Count;
        var heads = output.Attentions[0].size(1);
        var width = output.HiddenStates![0].size(-1);
        var keyValueHeads = KeyValueHeads(heads);
        Assert.Multiple(() =>
        {
            Assert.That(capture.All, Has.Count.EqualTo(layers * Enum.GetValues<CapturePoint>().Length));
            for (var layer = 0; layer < layers; layer++)
            {
                foreach (var point in new[] { CapturePoint.Query, CapturePoint.Key, CapturePoint.Value })
                    Assert.That(capture.Get(layer, point).shape, Is.EqualTo(new[] { 2, point == CapturePoint.Query ? heads : keyValueHeads, 3, width / heads }), $"{point} of layer {layer}");
                Assert.That(capture.Get(layer, CapturePoint.HeadMixture).shape, Is.EqualTo(new[] { 2, heads, 3, width / heads }), $"head mixture of layer {layer}");
                foreach (var point in new[] { CapturePoint.ResidualInput, CapturePoint.AttentionOutput, CapturePoint.MlpOutput, CapturePoint.ResidualOutput })
                    Assert.That(capture.Get(layer, point).shape, Is.EqualTo(new[] { 2, 3, width }), $"{point} of layer {layer}");
                Assert.That(capture.Get(layer, CapturePoint.ResidualInput).equal(output.HiddenStates[layer]), $"layer {layer} input = hidden state {layer}");
                if (layer > 0)
                    Assert.That(capture.Get(layer, CapturePoint.ResidualInput).equal(capture.Get(layer - 1, CapturePoint.ResidualOutput)), $"layer {layer - 1} output feeds layer {layer}");
            }
        });
    }

    /// <summary>Heads of keys and values: config.json's num_key_value_heads under grouped-query
    /// attention (captured before they are repeated), else one per query head.</summary>
    private long KeyValueHeads(long heads)
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(Fixture.Directory, "config.json")));
        return config.RootElement.TryGetProperty("num_key_value_heads", out var n) && n.ValueKind == JsonValueKind.Number ? n.GetInt64() : heads;
    }

    /// <summary>Modules register their parameters under the checkpoint's own names (SafeTensorsWriter
    /// writes named_parameters()), tied copies appearing once.</summary>
    [Test]
    public void Parameter_names_are_the_checkpoint_tensor_names()
    {
        using var file = SafeTensorsFile.Open(Path.Combine(Fixture.Directory, "model.safetensors"));
        Assert.That(Model, Is.InstanceOf<Module>());
        var names = ((Module)(object)Model).named_parameters().Select(p => p.Name);
        Assert.That(names, Is.EquivalentTo(file.Entries.Select(e => e.Name)));
    }
}
