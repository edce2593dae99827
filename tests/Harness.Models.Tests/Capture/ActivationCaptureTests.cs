using Harness.Models.Tests.Parity;
using Harness.Torch;

namespace Harness.Models.Tests.Capture;

/// <summary>Captured activations are the forward pass's own tensors: their values agree with the
/// hidden states and attention, and gradients can be taken at them.</summary>
[TestFixture]
[Fast]
public sealed class ActivationCaptureTests
{
    private ILanguageModel model = null!;

    [OneTimeSetUp]
    public void LoadModel() => model = ModelLoader.Load(Path.Combine(SharedFolder.Path, "fixtures", "hf-parity", "gpt2"));

    [OneTimeTearDown]
    public void Release() => model.Dispose();

    [Test]
    public void Residual_stream_captures_equal_the_hidden_states()
    {
        using var scope = torch.NewDisposeScope();
        var capture = new ActivationCapture(CapturePoint.ResidualInput, CapturePoint.ResidualOutput);
        var output = model.Forward(ModelInput.FromIds(torch.tensor(new long[] { 5, 17, 42, 88 }, [1, 4])),
            new ForwardOptions { OutputHiddenStates = true, Capture = capture });
        Assert.Multiple(() =>
        {
            Assert.That(capture.Get(0, CapturePoint.ResidualInput).equal(output.HiddenStates![0]), "layer 0 input = embedding output");
            Assert.That(capture.Get(0, CapturePoint.ResidualOutput).equal(output.HiddenStates![1]), "layer 0 output = hidden state 1");
            Assert.That(capture.Get(1, CapturePoint.ResidualInput).equal(capture.Get(0, CapturePoint.ResidualOutput)), "layers chain");
        });
    }

    [Test]
    public void Query_key_value_and_sublayer_outputs_have_their_documented_shapes()
    {
        using var scope = torch.NewDisposeScope();
        var capture = new ActivationCapture(CapturePoint.Query, CapturePoint.Key, CapturePoint.Value, CapturePoint.AttentionOutput, CapturePoint.MlpOutput);
        model.Forward(ModelInput.FromIds(torch.tensor(new long[] { 5, 17, 42, 88, 23, 61 }, [2, 3])), new ForwardOptions { Capture = capture });
        Assert.Multiple(() =>
        {
            Assert.That(capture.Get(1, CapturePoint.Query).shape, Is.EqualTo(new long[] { 2, 4, 3, 8 }));
            Assert.That(capture.Get(1, CapturePoint.Key).shape, Is.EqualTo(new long[] { 2, 4, 3, 8 }));
            Assert.That(capture.Get(1, CapturePoint.Value).shape, Is.EqualTo(new long[] { 2, 4, 3, 8 }));
            Assert.That(capture.Get(1, CapturePoint.AttentionOutput).shape, Is.EqualTo(new long[] { 2, 3, 32 }));
            Assert.That(capture.Get(1, CapturePoint.MlpOutput).shape, Is.EqualTo(new long[] { 2, 3, 32 }));
            Assert.That(capture.All, Has.Count.EqualTo(10));
        });
    }

    [Test]
    public void The_gradient_at_a_sublayer_output_is_the_gradient_of_the_residual_it_joins()
    {
        // ResidualOutput = residual + MlpOutput, so d objective / d MlpOutput = d objective / d ResidualOutput.
        // Parameters are frozen: the graph comes from input embeddings that require gradients.
        using var scope = torch.NewDisposeScope();
        var capture = new ActivationCapture(CapturePoint.MlpOutput, CapturePoint.ResidualOutput, CapturePoint.AttentionOutput);
        var embeddings = model.Embed(torch.tensor(new long[] { 5, 17, 42, 88 }, [1, 4])).detach().requires_grad_();
        var logits = model.Forward(ModelInput.FromEmbeddings(embeddings), new ForwardOptions { Capture = capture }).Logits;
        var objective = logits.select(1, -1).log_softmax(-1).select(1, 42).sum();
        var grads = torch.autograd.grad([objective],
            [capture.Get(1, CapturePoint.MlpOutput), capture.Get(1, CapturePoint.ResidualOutput), capture.Get(0, CapturePoint.AttentionOutput)]);
        Assert.Multiple(() =>
        {
            Assert.That(grads[0]!.allclose(grads[1]!, rtol: 0, atol: 1e-7), "d/d MlpOutput = d/d ResidualOutput");
            Assert.That(grads[2]!.abs().sum().ToDouble(), Is.GreaterThan(0), "the objective depends on layer 0's attention output");
        });
    }

    [Test]
    public void Asking_for_an_activation_that_was_not_requested_names_what_was()
    {
        using var scope = torch.NewDisposeScope();
        var capture = new ActivationCapture(CapturePoint.Query);
        model.Forward(ModelInput.FromIds(torch.tensor(new long[] { 5, 17 }, [1, 2])), new ForwardOptions { Capture = capture });
        var e = Assert.Throws<KeyNotFoundException>(() => capture.Get(0, CapturePoint.MlpOutput))!;
        Assert.That(e.Message, Does.Contain("MlpOutput").And.Contain("Query"));
    }
}
