using Harness.Attribution.Methods;

namespace Harness.Attribution;

/// <summary>Every attributor by its spec/YAML name: one explicit, ordered table (STYLE.md 2).</summary>
public static class AttributorRegistry
{
    /// <summary>Name and a factory with the spec's default options.</summary>
    public static readonly IReadOnlyList<(string Name, Func<IAttributor> Create)> Entries =
    [
        (RandomBaseline.MethodName, () => new RandomBaseline()),
        (AttentionWeights.AllLayersName, () => new AttentionWeights(lastLayerOnly: false)),
        (AttentionWeights.LastLayerName, () => new AttentionWeights(lastLayerOnly: true)),
        (AttentionRollout.MethodName, () => new AttentionRollout()),
        (Saliency.MethodName, () => new Saliency()),
        (InputXGradient.MethodName, () => new InputXGradient()),
        (IntegratedGradients.MethodName, () => new IntegratedGradients()),
        (GradientShap.MethodName, () => new GradientShap()),
        (GradEllm.MethodName, () => new GradEllm()),
        (Occlusion.MethodName, () => new Occlusion()),
        (ShapleySampling.MethodName, () => new ShapleySampling()),
        (KernelShap.MethodName, () => new KernelShap()),
        (Lime.MethodName, () => new Lime()),
        (ContextCite.MethodName, () => new ContextCite()),
    ];

    public static IReadOnlyList<string> Names => Entries.Select(e => e.Name).ToList();

    /// <summary>The attributor called <paramref name="name"/> with default options; an unknown
    /// name fails listing the known ones.</summary>
    public static IAttributor Create(string name)
    {
        foreach (var (entryName, create) in Entries)
            if (entryName == name) return create();
        throw new Core.AttributionException($"unknown attributor '{name}'; known: {string.Join(", ", Names)}");
    }
}
