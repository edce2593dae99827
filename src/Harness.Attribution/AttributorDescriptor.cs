using System.Diagnostics.CodeAnalysis;
using Harness.Scoring;

namespace Harness.Attribution;

/// <summary>
/// Everything the harness knows about one attributor, declared in the method's own file and listed once in
/// <see cref="AttributorRegistry"/>: the spec/YAML name, the options record (null when the method has none; its defaults
/// and bounds are the record's), the factory, what it needs, the targets it applies to, how Soft-NS/NC's ReAGent
/// protocol treats its scores, and its pass rule. The validator, the dry-run, the bench, the reports and `harness methods`
/// read these; no other code names a method.
/// </summary>
/// <param name="Name">The spec's and YAML's name (lower-case letters, digits, underscores).</param>
/// <param name="OptionsType">The options record bound from YAML by <see cref="OptionBinder"/>; null: no options.</param>
/// <param name="Create">(bound options or null for the defaults, the resources a run holds) -> the attributor.</param>
public sealed record AttributorDescriptor(
    string Name,
    [property: DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)]
    Type? OptionsType,
    Func<object?, AttributorResources, IAttributor> Create)
{
    /// <summary>One line for `harness methods` and the CLI help: what the method computes, with its source.</summary>
    public string Summary { get; init; } = "";

    /// <summary>What the method needs whatever its options.</summary>
    public AttributorNeeds Needs { get; init; }

    /// <summary>Needs that depend on the bound options (ReAGent's `replacer: mlm` needs a masked LM); null: none.</summary>
    public Func<object?, AttributorNeeds>? NeedsWithOptions { get; init; }

    /// <summary>The targets the method applies to.</summary>
    public TargetKinds Targets { get; init; } = TargetKinds.All;

    /// <summary>How Soft-NS/NC's `protocol: reagent` turns its scores into keep probabilities (spec/metrics.md section 1).</summary>
    public ProtocolTransform ReagentTransform { get; init; } = ProtocolTransform.Softmax;

    /// <summary>The passes one item needs (the dry-run's estimate).</summary>
    public PassRule Passes { get; init; } = PassRule.OneForward;

    /// <summary>Everything the method needs under <paramref name="options"/> (bound; null for the defaults).</summary>
    public AttributorNeeds NeedsFor(object? options) => Needs | (NeedsWithOptions?.Invoke(options) ?? AttributorNeeds.None);

    /// <summary>Binds <paramref name="options"/> (key=value strings) to <see cref="OptionsType"/>: the bound record, or
    /// null for a method without options; an unknown key or a bad value throws naming the method.</summary>
    public object? Bind(IReadOnlyDictionary<string, string> options) => OptionBinder.Bind(Name, OptionsType, options);
}

/// <summary>What an attributor needs beyond the model's forward pass; the validator checks a run provides it.</summary>
[Flags]
public enum AttributorNeeds
{
    /// <summary>Nothing beyond forward passes (perturbation methods, the random baseline).</summary>
    None = 0,

    /// <summary>Backward passes through the model (gradient methods).</summary>
    Gradients = 1,

    /// <summary>The model's attention probabilities.</summary>
    Attention = 2,

    /// <summary>A masked LM for replacement tokens (the model's `masked_lm`).</summary>
    MaskedLm = 4,

    /// <summary>A trained AT2 estimator for the model (its `at2_estimator`).</summary>
    At2Estimator = 8,
}
