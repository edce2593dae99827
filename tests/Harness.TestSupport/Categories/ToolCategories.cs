using Harness.Torch;
using NUnit.Framework;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;

namespace Harness.TestSupport;

/// <summary>A category that also skips its tests, with the reason, where the tool it names is absent: the
/// summary line then counts them as skipped instead of failed.</summary>
public abstract class ToolCategoryAttribute(string category) : CategoryAttribute(category), IApplyToTest
{
    /// <summary>Why the tool is unusable here, or null where it is present.</summary>
    protected abstract string? MissingReason();

    void IApplyToTest.ApplyToTest(Test test)
    {
        ApplyToTest(test);
        if (test.RunState == RunState.NotRunnable || MissingReason() is not { } reason) return;
        test.RunState = RunState.Ignored;
        test.Properties.Set(PropertyNames.SkipReason, reason);
    }
}

/// <summary>Opens pages in Debian's headless Chromium (`./run-all.sh setup` installs it).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = true)]
public sealed class NeedsChromiumAttribute() : ToolCategoryAttribute(SpeedCategories.NeedsChromium)
{
    protected override string? MissingReason() =>
        Chromium.Executable is null ? "chromium is not installed (./run-all.sh setup installs Debian's chromium)" : null;
}

/// <summary>Runs on the first CUDA device (`./run-all.sh gpu-check` on a GPU machine).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = true)]
public sealed class NeedsGpuAttribute() : ToolCategoryAttribute(SpeedCategories.NeedsGpu)
{
    protected override string? MissingReason() => Gpu.MissingReason;
}

/// <summary>Whether libtorch sees a CUDA device, asked once.</summary>
public static class Gpu
{
    private static readonly Lazy<bool> Present = new(() => torch.cuda.is_available());

    public static bool IsAvailable => Present.Value;

    public static string? MissingReason => IsAvailable ? null : $"no CUDA device visible to libtorch {torch.version}";
}

/// <summary>Debian's chromium executable, or null where it is not installed.</summary>
public static class Chromium
{
    public static string? Executable { get; } = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);
}
