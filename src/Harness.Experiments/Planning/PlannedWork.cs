namespace Harness.Experiments.Planning;

/// <summary>What a plan's cell still needs when the plan is written.</summary>
public enum PlannedWork
{
    /// <summary>The cell runs (it is new, or failed or was interrupted before).</summary>
    Run,

    /// <summary>A finished cell of a grown grid gets the metrics added since, on its stored attributions.</summary>
    Metrics,

    /// <summary>Finished before this version of the plan: no shard touches it.</summary>
    Done,
}
