using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Harness.Experiments.Schema;
using Harness.Experiments.Store;
using Harness.Torch;

namespace Harness.Experiments.Running;

/// <summary>Collects a run's provenance: the experiment text and hash, the harness's git commit (with
/// "+dirty" when the checkout has changes), libtorch and .NET versions and the machine.</summary>
public static class ProvenanceCollector
{
    /// <summary>The provenance of a run of <paramref name="spec"/> with the given models' provenance (their files' hashes), collected on this machine now.</summary>
    public static RunProvenance Collect(ExperimentSpec spec, IReadOnlyList<ModelProvenance> models)
    {
        var text = File.ReadAllText(spec.File);
        return new RunProvenance(spec.Name, Path.GetFullPath(spec.File), text, Sha256(text), HarnessCommit(), torch.version,
            RuntimeInformation.FrameworkDescription, $"{Environment.MachineName}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} CPUs", models);
    }

    /// <summary>The lower-case hex SHA-256 of <paramref name="text"/>'s UTF-8 bytes.</summary>
    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>The commit of the checkout the harness binaries were built in.</summary>
    public static string HarnessCommit()
    {
        var folder = AppContext.BaseDirectory;
        var commit = Git(folder, "rev-parse HEAD");
        if (commit is null) return "unknown (not built from a git checkout)";
        var dirty = Git(folder, "status --porcelain --untracked-files=no");
        return string.IsNullOrEmpty(dirty) ? commit : commit + "+dirty";
    }

    private static string? Git(string folder, string arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("git", $"-C \"{folder}\" {arguments}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null) return null;
            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return process.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no git on this machine
        }
    }
}
