namespace Harness.Experiments.Planning;

/// <summary>A shard store's identity and provenance (its `shard` row): the plan it computes, which shard it is, and the
/// harness, libtorch, .NET and machine that computed it. `harness merge` refuses a store whose plan or provenance
/// differs from the run's.</summary>
public sealed record ShardRecord(
    string RunId, int PlanVersion, string PlanSha256, ShardId Shard, string Device, string HarnessCommit, string LibtorchVersion,
    string DotnetVersion, string Machine, string StartedUtc);
