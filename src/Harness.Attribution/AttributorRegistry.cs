using Harness.Attribution.Core;
using Harness.Attribution.Methods;
using Harness.Scoring;

namespace Harness.Attribution;

/// <summary>Every attributor by its spec/YAML name: one explicit, ordered table of the descriptors each method declares
/// in its own file (STYLE.md 2); no reflection finds methods, a test checks each appears once. A program of
/// your own adds its methods with <see cref="Register"/> (docs/extending.md).</summary>
public static class AttributorRegistry
{
    /// <summary>The harness's own methods.</summary>
    public static readonly IReadOnlyList<AttributorDescriptor> BuiltIn =
    [
        RandomBaseline.Descriptor,
        AttentionWeights.AllLayers,
        AttentionWeights.LastLayer,
        AttentionRollout.Descriptor,
        Saliency.Descriptor,
        InputXGradient.Descriptor,
        IntegratedGradients.Descriptor,
        GradientShap.Descriptor,
        GradEllm.Descriptor,
        Occlusion.Descriptor,
        ShapleySampling.Descriptor,
        KernelShap.Descriptor,
        Lime.Descriptor,
        ContextCite.Descriptor,
        ReAgent.Descriptor,
        At2.Descriptor,
    ];

    private static readonly RegisteredEntries<AttributorDescriptor> Registered = new(e => e.Name, "an attributor");

    /// <summary>The built-in attributors, then the registered ones in registration order.</summary>
    public static IReadOnlyList<AttributorDescriptor> Entries => [.. BuiltIn, .. Registered.Current];

    /// <summary>Adds an attributor of your own under a name no other has (lower-case letters, digits, underscores):
    /// from then on experiments, `harness validate`/`run`/`attribute` and <see cref="Create(string, IReadOnlyDictionary{string, string}, AttributorResources?)"/>
    /// know it, its options bound from YAML by <see cref="OptionBinder"/>. Disposing the result removes it again.</summary>
    public static Registration Register(AttributorDescriptor descriptor) => Registered.Add(descriptor, BuiltIn.Select(e => e.Name));

    /// <summary>The names of <see cref="Entries"/>, in the same order (for listings and error messages).</summary>
    public static IReadOnlyList<string> Names => Entries.Select(e => e.Name).ToList();

    /// <summary>The descriptor called <paramref name="name"/>, or null when there is none.</summary>
    public static AttributorDescriptor? TryFind(string name) => Entries.FirstOrDefault(e => e.Name == name);

    /// <summary>The descriptor called <paramref name="name"/>; an unknown name throws an <see cref="AttributionException"/> listing the known ones.</summary>
    public static AttributorDescriptor Find(string name) =>
        Entries.FirstOrDefault(e => e.Name == name)
        ?? throw new AttributionException($"unknown attributor '{name}'; known: {string.Join(", ", Names)}");

    /// <summary>The attributor called <paramref name="name"/> with default options; an unknown
    /// name fails listing the known ones.</summary>
    public static IAttributor Create(string name, AttributorResources? resources = null) =>
        Find(name).Create(null, resources ?? AttributorResources.None);

    /// <summary>The attributor with options given as key=value strings (see <see cref="OptionBinder"/>).</summary>
    public static IAttributor Create(string name, IReadOnlyDictionary<string, string> options, AttributorResources? resources = null)
    {
        var descriptor = Find(name);
        return descriptor.Create(descriptor.Bind(options), resources ?? AttributorResources.None);
    }
}
