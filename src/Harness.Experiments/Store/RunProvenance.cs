namespace Harness.Experiments.Store;

/// <summary>Where a run's numbers come from (DESIGN.md, result store): the experiment text and its hash,
/// the harness commit, libtorch and .NET versions, the machine, and per model the files' hashes.</summary>
public sealed record RunProvenance(
    string Name, string ExperimentFile, string ExperimentText, string ExperimentSha256, string HarnessCommit,
    string LibtorchVersion, string DotnetVersion, string Machine, IReadOnlyList<ModelProvenance> Models);
