using Harness.Evaluation.Applications;
using Harness.Evaluation.ContextAttribution;
using Harness.Evaluation.Core;
using Harness.Evaluation.Eraser;
using Harness.Evaluation.LabelAgreement;
using Harness.Evaluation.Plausibility;
using Harness.Evaluation.Soft;
using Harness.Scoring;

namespace Harness.Evaluation;

/// <summary>Every metric by its spec/YAML name: one explicit, ordered table of name -> (options type,
/// factory), like the attributors' registry (STYLE.md 2). A program of your own adds its metrics with
/// <see cref="Register"/> (docs/extending.md).</summary>
public static class MetricRegistry
{
    /// <summary>The harness's own metrics.</summary>
    public static readonly IReadOnlyList<MetricEntry> BuiltIn =
    [
        new(PlausibilityMetric.MetricName, null, _ => new PlausibilityMetric()),
        new(SoftMetric.SufficiencyName, typeof(SoftOptions), o => new SoftMetric(SoftSide.Sufficiency, (SoftOptions?)o)),
        new(SoftMetric.ComprehensivenessName, typeof(SoftOptions), o => new SoftMetric(SoftSide.Comprehensiveness, (SoftOptions?)o)),
        new(PiSoftMetric.SufficiencyName, typeof(PiSoftOptions), o => new PiSoftMetric(SoftSide.Sufficiency, (PiSoftOptions?)o)),
        new(PiSoftMetric.ComprehensivenessName, typeof(PiSoftOptions), o => new PiSoftMetric(SoftSide.Comprehensiveness, (PiSoftOptions?)o)),
        new(Aopc.ComprehensivenessName, typeof(EraserOptions), o => new Aopc(EraserMeasure.Comprehensiveness, (EraserOptions?)o)),
        new(Aopc.SufficiencyName, typeof(EraserOptions), o => new Aopc(EraserMeasure.Sufficiency, (EraserOptions?)o)),
        new(TopKDrop.MetricName, typeof(TopKDropOptions), o => new TopKDrop((TopKDropOptions?)o)),
        new(Lds.MetricName, typeof(LdsOptions), o => new Lds((LdsOptions?)o)),
        new(ContextPruning.MetricName, typeof(ContextPruningOptions), o => new ContextPruning((ContextPruningOptions?)o)),
        new(LabelAgreementMetric.MetricName, typeof(LabelAgreementOptions), o => new LabelAgreementMetric((LabelAgreementOptions?)o)),
    ];

    private static readonly RegisteredEntries<MetricEntry> Registered = new(e => e.Name, "a metric");

    /// <summary>The built-in metrics, then the registered ones in registration order.</summary>
    public static IReadOnlyList<MetricEntry> Entries => [.. BuiltIn, .. Registered.Current];

    /// <summary>Adds a metric of your own under a name no other has (lower-case letters, digits, underscores): from then
    /// on experiments, `harness validate`/`run`/`evaluate` know it, its options bound from YAML as an attributor's.
    /// Disposing the result removes it again.</summary>
    public static Registration Register(MetricEntry entry) => Registered.Add(entry, BuiltIn.Select(e => e.Name));

    public static IReadOnlyList<string> Names => Entries.Select(e => e.Name).ToList();

    public static MetricEntry Find(string name) =>
        Entries.FirstOrDefault(e => e.Name == name)
        ?? throw new MetricException($"unknown metric '{name}'; known: {string.Join(", ", Names)}");

    /// <summary>The metric called <paramref name="name"/> with default options.</summary>
    public static IMetric Create(string name) => Find(name).Create(null);

    /// <summary>The metric with options given as key=value strings (the attributors' <see cref="OptionBinder"/> rules).</summary>
    public static IMetric Create(string name, IReadOnlyDictionary<string, string> options)
    {
        var entry = Find(name);
        return entry.Create(OptionBinder.Bind(name, entry.OptionsType, options));
    }
}
