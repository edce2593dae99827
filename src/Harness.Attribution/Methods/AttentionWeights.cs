using Harness.Attribution.Core;
using Harness.Torch;
using Harness.Scoring;

namespace Harness.Attribution.Methods;

/// <summary>
/// attention / attention_last (ReAGent's baselines): the attention probabilities from the position
/// that predicts the target to each context token, averaged over heads, and over layers
/// (`attention`) or taken from the last layer only (`attention_last`). For a span target the rows of
/// all its predicting positions are averaged.
/// </summary>
public sealed class AttentionWeights(bool lastLayerOnly) : IAttributor
{
    /// <summary>The spec's and YAML's name of the variant that uses every layer's attention.</summary>
    public const string AllLayersName = "attention";
    /// <summary>The spec's and YAML's name of the variant that uses the last layer's attention only.</summary>
    public const string LastLayerName = "attention_last";

    /// <summary>The registry's entry for `attention`: every layer's rows, averaged.</summary>
    public static AttributorDescriptor AllLayers { get; } = new(AllLayersName, null, (_, _) => new AttentionWeights(lastLayerOnly: false))
    {
        Summary = "attention probabilities from the predicting position, averaged over heads and layers (ReAGent's baseline)",
        Needs = AttributorNeeds.Attention,
        Passes = OneForward,
    };

    /// <summary>The registry's entry for `attention_last`: the last layer's rows only.</summary>
    public static AttributorDescriptor LastLayer { get; } = new(LastLayerName, null, (_, _) => new AttentionWeights(lastLayerOnly: true))
    {
        Summary = "attention probabilities from the predicting position, averaged over the last layer's heads (ReAGent's baseline)",
        Needs = AttributorNeeds.Attention,
        Passes = OneForward,
    };

    private static PassRule OneForward => PassRule.Fixed("1 forward", "ReAGent attention.py", _ => new PassEstimate(1, 0));

    /// <inheritdoc />
    public string Name => lastLayerOnly ? LastLayerName : AllLayersName;

    /// <inheritdoc />
    public AttributionResult Attribute(AttributionRequest request, CancellationToken cancellationToken = default)
    {
        using var run = new AttributionRun(request, cancellationToken);
        var rows = AttentionRows.Of(run);                                                                // per layer [H, m, L]
        var layers = lastLayerOnly ? rows.Skip(rows.Count - 1).ToList() : rows.ToList();
        var scores = torch.stack(layers).mean([0, 1, 2]);                                                // [L]
        var result = run.FinishWithContextScores(scores.to(ScalarType.Float32).cpu().ToArray<float>());
        // A float64 model's rows keep their precision (the float64 reference parity needs it).
        return request.Model.DType == ScalarType.Float64 ? Float64Scores.Attach(result, run, scores.to(ScalarType.Float64)) : result;
    }
}
