namespace Harness.Attribution.Methods;

/// <summary>Where Grad-ELLM's spatial weights lambda^h come from (per head; heads are never averaged).</summary>
public enum GradEllmSpatial
{
    /// <summary>The paper's "loosened" map: cos(q^h_t, k^h_i) min-max normalised over i, per head. The default.</summary>
    Cosine,

    /// <summary>The model's own attention probabilities a^h_{t,i} of the predicting row, per head.</summary>
    Softmax,
}

/// <summary>Options of <see cref="GradEllm"/>. Source: spec/attributors.md "Grad-ELLM" (all layers, cosine, ReLU).</summary>
public sealed record GradEllmOptions
{
    /// <summary>Use only the last n decoder layers; null means all, and n above the model's depth is all of them.</summary>
    public int? LastLayers { get; init; }

    /// <summary>Where the per-head spatial weights come from; the paper's cosine map by default.</summary>
    public GradEllmSpatial Spatial { get; init; } = GradEllmSpatial.Cosine;

    /// <summary>Apply the ReLU to each layer's map (the paper's H^l). `relu: false` keeps the signed map, whose sum
    /// with softmax spatial weights equals the layer's first-order term sum_h w^h . z^h_t (the spec's check).</summary>
    public bool Relu { get; init; } = true;
}
