using Harness.Models.Layers;
using Harness.Torch;

namespace Harness.Models.Tests.Layers;

/// <summary>One table maps config.json's activation names to functions for every architecture.</summary>
[TestFixture]
[Fast]
public sealed class ActivationFunctionTests
{
    [TestCase("gelu_new", 0.8411920070648193)]          // tanh form: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))) at x = 1
    [TestCase("gelu_pytorch_tanh", 0.8411920070648193)]
    [TestCase("gelu_fast", 0.8411920070648193)]
    [TestCase("gelu", 0.8413447737693787)]              // exact: x Phi(x) at x = 1
    [TestCase("silu", 0.7310585975646973)]              // x sigmoid(x)
    [TestCase("swish", 0.7310585975646973)]
    [TestCase("relu", 1.0)]
    public void Each_name_is_its_function_at_one(string name, double expected)
    {
        using var scope = torch.NewDisposeScope();
        var y = ActivationFunction.FromName(name, "test")(torch.ones([1], ScalarType.Float64));
        Assert.That(y.ToDouble(), Is.EqualTo(expected).Within(1e-7));
    }

    [Test]
    public void An_unknown_name_names_the_setting_and_lists_the_known_ones()
    {
        var e = Assert.Throws<NotSupportedException>(() => ActivationFunction.FromName("mish", "gpt2 activation_function"))!;
        Assert.That(e.Message, Does.StartWith("gpt2 activation_function 'mish' is not supported").And.Contain("gelu_new").And.Contain("silu"));
    }
}
