using Harness.Attribution.Core;
using Harness.Torch;
using Harness.Scoring;

namespace Harness.Attribution.Methods;

/// <summary>random: softmax(u), u ~ U(0, 1)^L, drawn from the request's seed; the baseline every
/// faithfulness metric is compared against (ReAGent's code).</summary>
public sealed class RandomBaseline : IAttributor
{
    /// <summary>The spec's and YAML's name of the random baseline.</summary>
    public const string MethodName = "random";

    /// <summary>The registry's entry for this method.</summary>
    public static AttributorDescriptor Descriptor { get; } = new(MethodName, null, (_, _) => new RandomBaseline())
    {
        Summary = "random baseline: softmax of U(0, 1) draws per token (ReAGent's random rationalizer)",
        ReagentTransform = ProtocolTransform.None,
        Passes = PassRule.Fixed("none (no model call)", "ReAGent random.py", _ => PassEstimate.None),
    };

    /// <inheritdoc />
    public string Name => MethodName;

    /// <inheritdoc />
    public AttributionResult Attribute(AttributionRequest request, CancellationToken cancellationToken = default)
    {
        using var run = new AttributionRun(request, cancellationToken);
        using var generator = new Generator(request.Seed);
        var scores = torch.rand([run.Sources.Count], generator, ScalarType.Float64, device: Device.CPU).softmax(0).to(ScalarType.Float32);
        return run.Finish(scores.ToArray<float>());
    }
}
