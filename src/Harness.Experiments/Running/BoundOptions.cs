using Harness.Attribution;
using Harness.Evaluation;
using Harness.Evaluation.Core;
using Harness.Experiments.Schema;
using Harness.Scoring;

namespace Harness.Experiments.Running;

/// <summary>
/// Every attributor's and metric's options of an experiment, bound once (<see cref="OptionBinder"/>) into their
/// options objects: the validator reports the entries that do not bind, and the cells make their attributors and
/// metrics from the bound objects instead of binding the YAML strings again per cell. An entry with an unknown name
/// is left out (the validator names it).
/// </summary>
public sealed class BoundOptions
{
    private readonly Dictionary<AttributorSpec, BoundAttributor> attributors = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<MetricSpec, BoundMetric> metrics = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<object, string> problems = new(ReferenceEqualityComparer.Instance);

    private BoundOptions()
    {
    }

    /// <summary>Binds each entry of <paramref name="spec"/> once; an entry whose options do not bind (or whose method
    /// refuses them when made) keeps its problem instead, for the validator.</summary>
    public static BoundOptions Of(ExperimentSpec spec)
    {
        var bound = new BoundOptions();
        foreach (var attributor in spec.Attributors.Where(a => AttributorRegistry.Names.Contains(a.Name)))
        {
            try
            {
                var descriptor = AttributorRegistry.Find(attributor.Name);
                var options = descriptor.Bind(attributor.Options);
                // Made once without resources, as a check: a method may refuse options the binder accepts.
                descriptor.Create(options, AttributorResources.None);
                bound.attributors[attributor] = new BoundAttributor(attributor, descriptor, options);
            }
            catch (ScoringException e)
            {
                bound.problems[attributor] = e.Message;
            }
        }

        foreach (var metric in spec.Metrics.Where(m => MetricRegistry.Names.Contains(m.Name)))
        {
            try
            {
                var descriptor = MetricRegistry.Find(metric.Name);
                var options = descriptor.Bind(metric.Options);
                descriptor.Create(options);
                bound.metrics[metric] = new BoundMetric(metric, descriptor, options);
            }
            catch (ScoringException e)
            {
                bound.problems[metric] = e.Message;
            }
        }

        return bound;
    }

    /// <summary>Why <paramref name="attributor"/>'s options did not bind; null when they did (or its name is unknown).</summary>
    public string? Problem(AttributorSpec attributor) => problems.GetValueOrDefault(attributor);

    /// <summary>Why <paramref name="metric"/>'s options did not bind; null when they did (or its name is unknown).</summary>
    public string? Problem(MetricSpec metric) => problems.GetValueOrDefault(metric);

    /// <summary>The bound attributor of a (validated) experiment's entry.</summary>
    public BoundAttributor Attributor(AttributorSpec attributor) =>
        attributors.TryGetValue(attributor, out var bound) ? bound
            : throw new InvalidOperationException($"attributor '{attributor.Label}' was not bound: validate the experiment first");

    /// <summary>The bound metric of a (validated) experiment's entry.</summary>
    public BoundMetric Metric(MetricSpec metric) =>
        metrics.TryGetValue(metric, out var bound) ? bound
            : throw new InvalidOperationException($"metric '{metric.Label}' was not bound: validate the experiment first");
}

/// <summary>An attributor entry with its descriptor and bound options; each cell makes its own attributor with its model's resources.</summary>
public sealed record BoundAttributor(AttributorSpec Spec, AttributorDescriptor Descriptor, object? Options)
{
    /// <summary>A new attributor for one cell, made with that cell's model resources (attributors are not shared between cells).</summary>
    public IAttributor Create(AttributorResources resources) => Descriptor.Create(Options, resources);

    /// <summary>The passes one item of <paramref name="units"/> attributed units needs, by the descriptor's rule.</summary>
    public PassEstimate Passes(double units) => Descriptor.Passes.Of(Options, units);
}

/// <summary>A metric entry with its descriptor and bound options; each cell makes its own metric from them.</summary>
public sealed record BoundMetric(MetricSpec Spec, MetricDescriptor Descriptor, object? Options)
{
    /// <summary>A new metric instance for one cell.</summary>
    public IMetric Create() => Descriptor.Create(Options);

    /// <summary>The passes one item of <paramref name="units"/> attributed units needs, by the descriptor's rule.</summary>
    public PassEstimate Passes(double units) => Descriptor.Passes.Of(Options, units);
}
