using System.Diagnostics.CodeAnalysis;

namespace Harness.Attribution;

/// <summary>One row of <see cref="AttributorRegistry"/>: the spec/YAML name, the options record
/// (null when the method has none) and the factory taking a bound options instance (or null for
/// the defaults) and the <see cref="AttributorResources"/> the method may need.</summary>
public sealed record AttributorEntry(
    string Name,
    [property: DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)]
    Type? OptionsType,
    Func<object?, AttributorResources, IAttributor> Create);
