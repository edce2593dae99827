using System.Diagnostics.CodeAnalysis;
using Harness.Scoring;

namespace Harness.Evaluation.Core;

/// <summary>
/// Everything the harness knows about one metric, declared in the metric's own file and listed once in
/// <see cref="MetricRegistry"/>: the spec/YAML name, the options record (null when it has none; defaults and bounds are
/// the record's and the metric's constructor's), the factory, the targets it applies to, the title of its value axis, how
/// its value may move between devices and its pass rule. The validator, the dry-run, the bench's "Min" column, the reports and `harness methods` read these.
/// </summary>
/// <param name="Name">The spec's and YAML's name (lower-case letters, digits, underscores).</param>
/// <param name="OptionsType">The options record bound from YAML by <see cref="OptionBinder"/>; null: no options.</param>
/// <param name="Create">(bound options or null for the defaults) -> the metric.</param>
public sealed record MetricDescriptor(
    string Name,
    [property: DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)]
    Type? OptionsType,
    Func<object?, IMetric> Create)
{
    /// <summary>One line for `harness methods` and the CLI help: what the metric measures, with its source.</summary>
    public string Summary { get; init; } = "";

    /// <summary>The quantity and its unit, for a figure's value axis; a metric without one is titled by its name.</summary>
    public string? AxisTitle { get; init; }

    /// <summary>Where its value can move between devices beyond float tolerance (<see cref="Devices.DeviceAgreement"/>;
    /// `harness compare` across devices); none: the tolerance alone.</summary>
    public Devices.DeviceTies DeviceTies { get; init; } = Devices.DeviceTies.None;

    /// <summary>The targets the metric applies to.</summary>
    public TargetKinds Targets { get; init; } = TargetKinds.All;

    /// <summary>Whether the metric attributes each item again (model_randomization): the dry-run then counts the cell
    /// attributor's passes once more for it, beside <see cref="Passes"/>.</summary>
    public bool RepeatsAttribution { get; init; }

    /// <summary>The passes one item needs, counted from the definition (the dry-run's estimate, the bench's minimum).</summary>
    public PassRule Passes { get; init; } = PassRule.OneForward;

    /// <summary>Binds <paramref name="options"/> (key=value strings) to <see cref="OptionsType"/>; an unknown key or a bad
    /// value throws naming the metric.</summary>
    public object? Bind(IReadOnlyDictionary<string, string> options) => OptionBinder.Bind(Name, OptionsType, options);
}
