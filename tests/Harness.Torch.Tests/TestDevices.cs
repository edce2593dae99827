using NUnit.Framework;

namespace Harness.Torch.Tests;

/// <summary>The devices the device-parameterised fixtures run on: the CPU always, the first GPU only
/// when libtorch sees one, so that no test is ever skipped or ignored for want of a GPU.</summary>
public static class TestDevices
{
    /// <summary>Source of <see cref="TestFixtureSourceAttribute"/> for fixtures that take a <see cref="Device"/>.</summary>
    public static IEnumerable<Device> Available
    {
        get
        {
            yield return Device.CPU;
            if (torch.cuda.is_available()) yield return Device.CUDA(0);
        }
    }
}
