namespace Harness.Evaluation.Core;

/// <summary>A faithfulness or plausibility metric of spec/metrics.md, configured by its options record.</summary>
public interface IMetric
{
    /// <summary>The spec's and YAML's name, e.g. "soft_ns".</summary>
    string Name { get; }

    /// <summary>The metric's value for one cell (example x attributor x target): value, parts, flags and the forward
    /// passes it spent. Flagged values (NaN scores, degenerate S0, ...) are returned, not thrown.</summary>
    /// <exception cref="MetricException">The input cannot be evaluated (e.g. a score count that does not match the sources,
    /// a missing tokenizer or label set).</exception>
    MetricResult Evaluate(MetricInput input, CancellationToken cancellationToken = default);
}
