using Harness.Experiments.Store;

namespace Harness.Experiments.Planning;

/// <summary>What must be the same wherever a plan's cells are computed: the harness commit, libtorch and .NET versions,
/// and per model its dtype and the SHA-256 of its files (<see cref="ResultStore.ModelFiles"/>). Devices and machines may
/// differ (a shard per GPU, per node).</summary>
public sealed record HarnessProvenance(string HarnessCommit, string LibtorchVersion, string DotnetVersion, IReadOnlyDictionary<string, string> Models)
{
    /// <summary>The parts of a run's provenance that every shard must share, with each model's files as "DTYPE [sha256, ...]".</summary>
    public static HarnessProvenance Of(RunProvenance run) => new(run.HarnessCommit, run.LibtorchVersion, run.DotnetVersion,
        run.Models.ToDictionary(m => m.Name, m => $"{m.DType} {System.Text.Json.JsonSerializer.Serialize(m.FileSha256)}", StringComparer.Ordinal));

    /// <summary>The first difference of <paramref name="other"/> from this, as "what: planned -> other", or null when none.</summary>
    public string? Difference(HarnessProvenance other)
    {
        if (HarnessCommit != other.HarnessCommit) return $"harness commit {HarnessCommit} -> {other.HarnessCommit}";
        if (LibtorchVersion != other.LibtorchVersion) return $"libtorch {LibtorchVersion} -> {other.LibtorchVersion}";
        if (DotnetVersion != other.DotnetVersion) return $".NET {DotnetVersion} -> {other.DotnetVersion}";
        foreach (var (model, files) in Models.OrderBy(m => m.Key, StringComparer.Ordinal))
            if (other.Models.TryGetValue(model, out var theirs) && theirs != files)
                return $"model {model}'s dtype or files ({Short(files)} -> {Short(theirs)})";
        return null;
    }

    private static string Short(string files) => files.Length <= 60 ? files : files[..60] + "...";
}
