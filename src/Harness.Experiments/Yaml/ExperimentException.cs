namespace Harness.Experiments.Yaml;

/// <summary>An experiment that cannot run: every problem found, each with file:line:column.</summary>
public sealed class ExperimentException(IReadOnlyList<ExperimentError> errors)
    : Exception(string.Join(Environment.NewLine, errors.Select(e => e.ToString())))
{
    public IReadOnlyList<ExperimentError> Errors { get; } = errors;
}
