using Harness.Attribution.Core;
using Harness.Scoring;

namespace Harness.Attribution.Methods;

/// <summary>occlusion (leave-one-out; Captum FeatureAblation with one token per feature):
/// score_i = Q_y - P_y(context with token i ablated), Q_y the objective on the whole context, the
/// ablation as spec/metrics.md section 4. L + 1 sequences forward, batched; spec/attributors.md.</summary>
public sealed class Occlusion(OcclusionOptions? options = null) : IPackedAttributor
{
    /// <summary>The spec's and YAML's name of occlusion.</summary>
    public const string MethodName = "occlusion";

    /// <summary>The registry's entry for this method.</summary>
    public static AttributorDescriptor Descriptor { get; } = new(MethodName, typeof(OcclusionOptions), (o, _) => new Occlusion((OcclusionOptions?)o))
    {
        Summary = "occlusion / leave-one-out (Captum FeatureAblation): objective drop when each unit is ablated",
        Passes = PassRule.Fixed("L + 1 forward", "Captum FeatureAblation", units => new PassEstimate(units + 1, 0)),
    };

    private readonly OcclusionOptions options = options ?? new OcclusionOptions();

    /// <inheritdoc />
    public string Name => MethodName;

    /// <inheritdoc />
    public AttributionResult Attribute(AttributionRequest request, CancellationToken cancellationToken = default) => AttributeMany([request], cancellationToken)[0];

    /// <inheritdoc />
    public IReadOnlyList<AttributionResult> AttributeMany(IReadOnlyList<AttributionRequest> requests, CancellationToken cancellationToken = default) =>
        PerturbationPlan.AttributeMany(requests, r => r.WithObjective(options.Objective), run => new ContextAblator(run, options.Ablation, options.ReplacementTokenId), Plan, cancellationToken);

    /// <inheritdoc />
    public int AttributionsPerPack(int batchSize) => batchSize;

    private static PerturbationPlan Plan(AttributionRun run, ContextAblator ablator)
    {
        var n = ablator.Features;
        var masks = new List<bool[]> { Enumerable.Repeat(true, n).ToArray() };
        for (var i = 0; i < n; i++)
        {
            var keep = Enumerable.Repeat(true, n).ToArray();
            keep[i] = false;
            masks.Add(keep);
        }

        return new PerturbationPlan(masks, values =>
        {
            run.Diagnose("objective_input", values[0]);
            return run.Finish(values.Skip(1).Select(v => (float)(values[0] - v)).ToArray());
        });
    }
}
