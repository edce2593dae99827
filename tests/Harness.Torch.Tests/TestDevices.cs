using NUnit.Framework;
using NUnit.Framework.Internal;

namespace Harness.Torch.Tests;

/// <summary>The devices the device-parameterised fixtures run on: the CPU always, and the first GPU in the
/// `needs-gpu` category, skipped with the reason where libtorch sees none.</summary>
public static class TestDevices
{
    /// <summary>Source of <see cref="TestFixtureSourceAttribute"/> for fixtures that take a <see cref="Device"/>.</summary>
    public static IEnumerable<TestFixtureData> Available
    {
        get
        {
            yield return new TestFixtureData(Device.CPU);
            var cuda = new TestFixtureData(Device.CUDA(0));
            cuda.Properties.Add(PropertyNames.Category, SpeedCategories.NeedsGpu);
            if (Gpu.MissingReason is { } reason) cuda.Ignore(reason);
            yield return cuda;
        }
    }
}
