using Harness.Attribution.Core;
using Harness.Attribution.Methods;
using Harness.Scoring;

namespace Harness.Attribution;

/// <summary>Every attributor by its spec/YAML name: one explicit, ordered table of name -> (options
/// type, factory) (STYLE.md 2); no reflection finds methods, a test checks each appears once. A program of
/// your own adds its methods with <see cref="Register"/> (docs/extending.md).</summary>
public static class AttributorRegistry
{
    /// <summary>The harness's own methods.</summary>
    public static readonly IReadOnlyList<AttributorEntry> BuiltIn =
    [
        new(RandomBaseline.MethodName, null, (_, _) => new RandomBaseline()),
        new(AttentionWeights.AllLayersName, null, (_, _) => new AttentionWeights(lastLayerOnly: false)),
        new(AttentionWeights.LastLayerName, null, (_, _) => new AttentionWeights(lastLayerOnly: true)),
        new(AttentionRollout.MethodName, null, (_, _) => new AttentionRollout()),
        new(Saliency.MethodName, typeof(SaliencyOptions), (o, _) => new Saliency((SaliencyOptions?)o)),
        new(InputXGradient.MethodName, typeof(InputXGradientOptions), (o, _) => new InputXGradient((InputXGradientOptions?)o)),
        new(IntegratedGradients.MethodName, typeof(IntegratedGradientsOptions), (o, _) => new IntegratedGradients((IntegratedGradientsOptions?)o)),
        new(GradientShap.MethodName, typeof(GradientShapOptions), (o, _) => new GradientShap((GradientShapOptions?)o)),
        new(GradEllm.MethodName, typeof(GradEllmOptions), (o, _) => new GradEllm((GradEllmOptions?)o)),
        new(Occlusion.MethodName, typeof(OcclusionOptions), (o, _) => new Occlusion((OcclusionOptions?)o)),
        new(ShapleySampling.MethodName, typeof(ShapleySamplingOptions), (o, _) => new ShapleySampling((ShapleySamplingOptions?)o)),
        new(KernelShap.MethodName, typeof(KernelShapOptions), (o, _) => new KernelShap((KernelShapOptions?)o)),
        new(Lime.MethodName, typeof(LimeOptions), (o, _) => new Lime((LimeOptions?)o)),
        new(ContextCite.MethodName, typeof(ContextCiteOptions), (o, _) => new ContextCite((ContextCiteOptions?)o)),
        new(ReAgent.MethodName, typeof(ReAgentOptions), (o, r) => new ReAgent((ReAgentOptions?)o, r.MaskedLm, r.PosTags)),
        new(At2.MethodName, null, (_, r) => new At2(r.At2Estimator)),
    ];

    private static readonly RegisteredEntries<AttributorEntry> Registered = new(e => e.Name, "an attributor");

    /// <summary>The built-in attributors, then the registered ones in registration order.</summary>
    public static IReadOnlyList<AttributorEntry> Entries => [.. BuiltIn, .. Registered.Current];

    /// <summary>Adds an attributor of your own under a name no other has (lower-case letters, digits, underscores):
    /// from then on experiments, `harness validate`/`run`/`attribute` and <see cref="Create(string, IReadOnlyDictionary{string, string}, AttributorResources?)"/>
    /// know it, its options bound from YAML by <see cref="OptionBinder"/>. Disposing the result removes it again.</summary>
    public static Registration Register(AttributorEntry entry) => Registered.Add(entry, BuiltIn.Select(e => e.Name));

    public static IReadOnlyList<string> Names => Entries.Select(e => e.Name).ToList();

    public static AttributorEntry Find(string name) =>
        Entries.FirstOrDefault(e => e.Name == name)
        ?? throw new AttributionException($"unknown attributor '{name}'; known: {string.Join(", ", Names)}");

    /// <summary>The attributor called <paramref name="name"/> with default options; an unknown
    /// name fails listing the known ones.</summary>
    public static IAttributor Create(string name, AttributorResources? resources = null) =>
        Find(name).Create(null, resources ?? AttributorResources.None);

    /// <summary>The attributor with options given as key=value strings (see <see cref="OptionBinder"/>).</summary>
    public static IAttributor Create(string name, IReadOnlyDictionary<string, string> options, AttributorResources? resources = null)
    {
        var entry = Find(name);
        return entry.Create(OptionBinder.Bind(name, entry.OptionsType, options), resources ?? AttributorResources.None);
    }
}
