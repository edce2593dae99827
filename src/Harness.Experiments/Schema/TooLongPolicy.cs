namespace Harness.Experiments.Schema;

/// <summary>What a run does with an example longer than the model can embed (dataset option `too_long`):
/// fail before any cell runs, naming the example (the default), or skip it and count it in the log.</summary>
public enum TooLongPolicy
{
    /// <summary>`too_long: fail` (the default): the run fails before any cell, naming the example.</summary>
    Fail,
    /// <summary>`too_long: skip`: the example is left out and counted in the log.</summary>
    Skip,
}
