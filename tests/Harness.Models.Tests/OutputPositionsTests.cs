using Harness.Torch;

namespace Harness.Models.Tests;

/// <summary>ForwardOptions.LastPositions: the output layer at the last n positions gives the logits a full forward gives
/// there (the scorer reads only the positions that predict the target), on every decoder architecture.</summary>
[TestFixture]
[Fast]
public sealed class OutputPositionsTests
{
    [TestCase("gpt2")]
    [TestCase("gptj")]
    [TestCase("opt")]
    [TestCase("opt_350m_style")]
    [TestCase("llama")]
    [TestCase("mistral")]
    [TestCase("qwen2")]
    [TestCase("phi3")]
    public void The_last_positions_logits_equal_the_full_forwards(string fixture)
    {
        using var model = ModelLoader.Load(SharedFolder.Combine("fixtures", "hf-parity", fixture));
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var ids = torch.tensor(new long[] { 5, 17, 42, 88, 23, 61, 9, 74, 33, 50 }, [2, 5]);

        var full = model.Forward(ModelInput.FromIds(ids)).Logits;                                           // [2, 5, V]
        var last = model.Forward(ModelInput.FromIds(ids), new ForwardOptions { LastPositions = 2 }).Logits;  // [2, 2, V]

        Assert.That(last.shape, Is.EqualTo(new[] { 2L, 2, full.size(2) }));
        var difference = last.sub(full.narrow(1, 3, 2)).abs().max().ToDouble();
        Assert.That(difference, Is.LessThanOrEqualTo(1e-5 * Math.Max(1, full.abs().max().ToDouble())), "the same logits, up to float32 summation order");
    }
}
