namespace Harness.Experiments.Yaml;

/// <summary>An experiment that cannot run: every problem found, each with file:line:column.</summary>
public sealed class ExperimentException(IReadOnlyList<ExperimentError> errors)
    : Exception(string.Join(Environment.NewLine, errors.Select(e => e.ToString())))
{
    /// <summary>Every problem found, in file order.</summary>
    public IReadOnlyList<ExperimentError> Errors { get; } = errors;

    /// <summary>The experiment as read, when its only problems are unknown keys (ignored in it): the validator
    /// can still check it, so one run of `harness validate` reports every problem.</summary>
    public Schema.ExperimentSpec? ReadDespiteErrors { get; init; }
}
