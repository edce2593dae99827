using Harness.Torch;
using NUnit.Framework;
namespace Harness.Torch.Tests;
public class Smoke
{
    [Test]
    public void Works()
    {
        using var scope = torch.NewDisposeScope();
        var t = torch.ones([2]);
        Assert.That(t.sum().ToDouble(), Is.EqualTo(2.0));
        Assert.Multiple(() => { Assert.That(1, Is.EqualTo(1)); });
        TestContext.Out.WriteLine($"threads {torch.get_num_threads()} pc {Environment.ProcessorCount} ver {torch.version}");
    }
}
