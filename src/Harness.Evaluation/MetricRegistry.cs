using Harness.Evaluation.Applications;
using Harness.Evaluation.ContextAttribution;
using Harness.Evaluation.Core;
using Harness.Evaluation.Eraser;
using Harness.Evaluation.LabelAgreement;
using Harness.Evaluation.Plausibility;
using Harness.Evaluation.Sanity;
using Harness.Evaluation.Soft;
using Harness.Scoring;

namespace Harness.Evaluation;

/// <summary>Every metric by its spec/YAML name: one explicit, ordered table of the descriptors each metric declares
/// in its own file, like the attributors' registry (STYLE.md 2). A program of your own adds its metrics with
/// <see cref="Register"/> (docs/extending.md).</summary>
public static class MetricRegistry
{
    /// <summary>The harness's own metrics.</summary>
    public static readonly IReadOnlyList<MetricDescriptor> BuiltIn =
    [
        PlausibilityMetric.Descriptor,
        SoftMetric.Sufficiency,
        SoftMetric.Comprehensiveness,
        PiSoftMetric.Sufficiency,
        PiSoftMetric.Comprehensiveness,
        Aopc.Comprehensiveness,
        Aopc.Sufficiency,
        TopKDrop.Descriptor,
        Lds.Descriptor,
        ContextPruning.Descriptor,
        LabelAgreementMetric.Descriptor,
        ModelRandomization.Descriptor,
    ];

    private static readonly RegisteredEntries<MetricDescriptor> Registered = new(e => e.Name, "a metric");

    /// <summary>The built-in metrics, then the registered ones in registration order.</summary>
    public static IReadOnlyList<MetricDescriptor> Entries => [.. BuiltIn, .. Registered.Current];

    /// <summary>Adds a metric of your own under a name no other has (lower-case letters, digits, underscores): from then
    /// on experiments, `harness validate`/`run`/`evaluate` know it, its options bound from YAML as an attributor's.
    /// Disposing the result removes it again.</summary>
    public static Registration Register(MetricDescriptor descriptor) => Registered.Add(descriptor, BuiltIn.Select(e => e.Name));

    /// <summary>The names of <see cref="Entries"/>, in the same order.</summary>
    public static IReadOnlyList<string> Names => Entries.Select(e => e.Name).ToList();

    /// <summary>The descriptor called <paramref name="name"/>, or null when there is none.</summary>
    public static MetricDescriptor? TryFind(string name) => Entries.FirstOrDefault(e => e.Name == name);

    /// <summary>The descriptor called <paramref name="name"/>.</summary>
    /// <exception cref="MetricException">No metric has that name; the message lists the known ones.</exception>
    public static MetricDescriptor Find(string name) =>
        Entries.FirstOrDefault(e => e.Name == name)
        ?? throw new MetricException($"unknown metric '{name}'; known: {string.Join(", ", Names)}");

    /// <summary>The metric called <paramref name="name"/> with default options.</summary>
    public static IMetric Create(string name) => Find(name).Create(null);

    /// <summary>The metric with options given as key=value strings (the attributors' <see cref="OptionBinder"/> rules).</summary>
    public static IMetric Create(string name, IReadOnlyDictionary<string, string> options)
    {
        var descriptor = Find(name);
        return descriptor.Create(descriptor.Bind(options));
    }
}
