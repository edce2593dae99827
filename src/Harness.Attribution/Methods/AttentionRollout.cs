using Harness.Attribution.Core;
using Harness.Torch;
using Harness.Scoring;

namespace Harness.Attribution.Methods;

/// <summary>
/// attention_rollout (Abnar &amp; Zuidema 2020, eq. 1 with the residual as an identity): per layer
/// A' = 0.5 mean_heads(A) + 0.5 I, multiplied from the first layer up (R = A'_L ... A'_1); the score of
/// context token i is R[t, i] at the predicting position t (the rows of a span's predicting positions
/// averaged). Rows are not renormalised, as in ReAGent's attention.py: they sum to one already, up to the
/// rounding of a softmax taken in float32 (Llama-family attention, also in a float64 model), which a
/// renormalisation would move away from the reference.
/// </summary>
public sealed class AttentionRollout : IAttributor
{
    /// <summary>The spec's and YAML's name of attention rollout.</summary>
    public const string MethodName = "attention_rollout";

    /// <summary>The registry's entry for this method.</summary>
    public static AttributorDescriptor Descriptor { get; } = new(MethodName, null, (_, _) => new AttentionRollout())
    {
        Summary = "attention rollout (Abnar & Zuidema 2020): head-averaged attention plus identity, multiplied through the layers",
        Needs = AttributorNeeds.Attention,
        Passes = PassRule.Fixed("1 forward", "Abnar & Zuidema 2020", _ => new PassEstimate(1, 0)),
    };

    /// <inheritdoc />
    public string Name => MethodName;

    /// <inheritdoc />
    public AttributionResult Attribute(AttributionRequest request, CancellationToken cancellationToken = default)
    {
        using var run = new AttributionRun(request, cancellationToken);
        var layers = AttentionRows.Full(run);                                                            // per layer [H, T, T]
        var t = layers[0].size(-1);
        var identity = torch.eye(t, dtype: ScalarType.Float64, device: layers[0].device);
        Tensor? rollout = null;
        foreach (var attention in layers)
        {
            var mixed = attention.mean(0).mul(0.5).add(identity.mul(0.5));                               // [T, T]
            rollout = rollout is null ? mixed : mixed.matmul(rollout);
        }

        var l = request.ContextIds.Count;
        var m = request.Target.Ids.Count;
        var scores = rollout!.narrow(0, l - 1, m).narrow(1, 0, l).mean(0);                               // [L]
        var result = run.FinishWithContextScores(scores.to(ScalarType.Float32).cpu().ToArray<float>());
        // A float64 model's rows keep their precision (the float64 reference parity needs it).
        return request.Model.DType == ScalarType.Float64 ? Float64Scores.Attach(result, run, scores.to(ScalarType.Float64)) : result;
    }
}
