using System.Diagnostics.CodeAnalysis;

namespace Harness.Evaluation.Core;

/// <summary>One row of <see cref="MetricRegistry"/>: the spec/YAML name, the options record (null when the
/// metric has none) and the factory taking a bound options instance (or null for the defaults).</summary>
public sealed record MetricEntry(
    string Name,
    [property: DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)]
    Type? OptionsType,
    Func<object?, IMetric> Create);
