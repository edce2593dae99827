using Harness.Reporting.Results;

namespace Harness.Reporting.Comparison;

/// <summary>A model that the baseline ran on one kind of device and the run on another (the models rows of the
/// two result stores, e.g. cpu and cuda:0); its cells are judged by the cross-device agreement rules.</summary>
public sealed record DeviceDifference(string Model, string BaselineDevice, string RunDevice)
{
    /// <summary>The models of both runs whose device kinds differ (cuda:0 and cuda:1 are one kind: the same kernels).</summary>
    public static IReadOnlyList<DeviceDifference> Between(RunResults run, RunResults baseline)
    {
        var runDevices = run.Models.ToDictionary(m => m.Name, m => m.Device, StringComparer.Ordinal);
        return baseline.Models
            .Where(m => runDevices.TryGetValue(m.Name, out var device) && Kind(device) != Kind(m.Device))
            .Select(m => new DeviceDifference(m.Name, m.Device, runDevices[m.Name]))
            .ToList();
    }

    private static string Kind(string device) => device.Split(':')[0].Trim().ToLowerInvariant();
}
