namespace Harness.Evaluation.Core;

/// <summary>A faithfulness or plausibility metric of spec/metrics.md, configured by its options record.</summary>
public interface IMetric
{
    /// <summary>The spec's and YAML's name, e.g. "soft_ns".</summary>
    string Name { get; }

    MetricResult Evaluate(MetricInput input, CancellationToken cancellationToken = default);
}
