using Harness.Attribution.Core;
using Harness.Torch;

namespace Harness.Attribution.Methods;

/// <summary>random: softmax(u), u ~ U(0, 1)^L, drawn from the request's seed; the baseline every
/// faithfulness metric is compared against (ReAGent's code).</summary>
public sealed class RandomBaseline : IAttributor
{
    public const string MethodName = "random";

    public string Name => MethodName;

    public AttributionResult Attribute(AttributionRequest request, CancellationToken cancellationToken = default)
    {
        using var run = new AttributionRun(request, cancellationToken);
        using var generator = new Generator(request.Seed);
        var scores = torch.rand([run.Sources.Count], generator, ScalarType.Float64, device: Device.CPU).softmax(0).to(ScalarType.Float32);
        return run.Finish(scores.ToArray<float>());
    }
}
