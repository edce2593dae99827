namespace Harness.Attribution.Methods;

/// <summary>Where Grad-ELLM's spatial weights come from.</summary>
public enum GradEllmSpatial
{
    /// <summary>Min-max normalised cosine similarity of the predicting query and each key, per head, averaged.</summary>
    Cosine,

    /// <summary>The model's own attention probabilities of the predicting row, averaged over heads.</summary>
    Softmax,
}

/// <summary>Options of <see cref="GradEllm"/>. Source: spec/attributors.md (all layers, cosine).</summary>
public sealed record GradEllmOptions
{
    /// <summary>Use only the last n decoder layers; null means all.</summary>
    public int? LastLayers { get; init; }

    public GradEllmSpatial Spatial { get; init; } = GradEllmSpatial.Cosine;
}
