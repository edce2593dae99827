namespace Harness.Experiments.Schema;

/// <summary>A metric of the grid with its options (key=value strings), a label unique in the experiment,
/// and the datasets it applies to (null: all; e.g. label_agreement only on classification prompts).</summary>
public sealed record MetricSpec(string Name, string Label, IReadOnlyDictionary<string, string> Options, SourcePosition Position)
{
    /// <summary>YAML key `datasets` of the metric entry: the dataset names it is computed on; null (the default) for all.</summary>
    public IReadOnlyList<string>? Datasets { get; init; }

    /// <summary>True when the metric is computed on cells of <paramref name="dataset"/>.</summary>
    public bool AppliesTo(string dataset) => Datasets is null || Datasets.Contains(dataset);
}
