using Harness.TestSupport;
using NUnit.Framework;

namespace Harness.Torch.Tests;

/// <summary>Outside Harness.Torch every tensor factory call names its device (see <see cref="DevicelessFactoryCalls"/>).</summary>
[Fast]
public sealed class ExplicitDeviceTests
{
    [Test]
    public void Every_factory_call_in_src_outside_Harness_Torch_names_its_device()
    {
        var src = RepositoryFolder.Combine("src");
        var own = Path.Combine(src, "Harness.Torch") + Path.DirectorySeparatorChar;
        var files = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(own, StringComparison.Ordinal) && !IsBuildOutput(Path.GetRelativePath(src, f)))
            .ToList();
        Assert.That(files, Has.Count.GreaterThan(100), "the sources were found");
        var missing = files.SelectMany(f => DevicelessFactoryCalls.In(File.ReadAllText(f), Path.GetRelativePath(RepositoryFolder.Path, f))).ToList();
        Assert.That(missing, Is.Empty, "name the device (device: model.Device where it meets the model, device: Device.CPU where CPU is meant):\n"
            + string.Join("\n", missing));
    }

    [Test]
    public void The_factories_are_read_from_Harness_Torch()
    {
        Assert.That(DevicelessFactoryCalls.Factories, Is.SupersetOf(new[]
        {
            "tensor", "scalar_tensor", "empty", "zeros", "ones", "full", "arange", "linspace", "eye",
            "rand", "randn", "randint", "randperm",
        }));
        Assert.That(DevicelessFactoryCalls.Factories, Does.Not.Contain("cat").And.Not.Contain("zeros_like"), "ops that take no device are not factories");
    }

    [Test]
    public void A_call_without_a_named_device_is_reported_with_its_line()
    {
        const string source = """
            using Harness.Torch;
            static class Snippet
            {
                static void Run(Device device)
                {
                    var a = torch.tensor(new long[] { 1 }, [1, 1]);
                    var b = torch.zeros([2], ScalarType.Float32, device);
                    var c = Harness.Torch.torch.randn([2]);
                    var d = torch.arange(0, 4, device: device);
                    var e = torch.ones([2], device: Device.CPU);
                    var f = torch.cat([d, e], 0);
                }
            }
            """;
        Assert.That(DevicelessFactoryCalls.In(source, "Snippet.cs"), Is.EqualTo(new[]
        {
            "Snippet.cs:6: torch.tensor(new long[] { 1 }, [1, 1])",
            "Snippet.cs:7: torch.zeros([2], ScalarType.Float32, device)",
            "Snippet.cs:8: Harness.Torch.torch.randn([2])",
        }));
    }

    /// <param name="path">Relative to src.</param>
    private static bool IsBuildOutput(string path) =>
        path.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj");
}
