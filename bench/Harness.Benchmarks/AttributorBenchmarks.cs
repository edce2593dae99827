using BenchmarkDotNet.Attributes;
using Harness.Attribution;
using Harness.Attribution.Core;
using Harness.Attribution.Methods;
using Harness.Models.Architectures.Gpt2;
using Harness.Torch;

namespace Harness.Benchmarks;

/// <summary>Every registered attributor, with its default options, on a GPT-2-small-sized random
/// model at 64 context tokens and one target token; the forward and backward pass counts of the
/// last call are custom columns. Methods come from the registry, so a new one is timed with no edit.
/// reagent runs its uniform replacer: the random context has no text for a masked LM to read.</summary>
[WarmupCount(1)]
[IterationCount(3)]
[RunOncePerIteration]
public class AttributorBenchmarks
{
    private const int ContextLength = 64;
    private Gpt2Model model = null!;
    private AttributionRequest request = null!;
    private IAttributor attributor = null!;

    /// <summary>Options that differ from a method's defaults (see the summary).</summary>
    private static readonly Dictionary<string, Dictionary<string, string>> Overrides = new()
    {
        [ReAgent.MethodName] = new() { ["replacer"] = "uniform" },
    };

    /// <summary>Cost of the last call per method, read by <see cref="PassCountColumn"/>.</summary>
    public static Dictionary<string, CostRecord> LastCost { get; } = [];

    /// <summary>The registry's names, or those listed in HARNESS_BENCH_METHODS (comma-separated) to
    /// time a subset (shapley_sampling alone runs ~1,600 forward passes of 64 tokens per call).</summary>
    public static IEnumerable<string> Methods =>
        Environment.GetEnvironmentVariable("HARNESS_BENCH_METHODS") is { Length: > 0 } subset
            ? subset.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : AttributorRegistry.Names;

    [ParamsSource(nameof(Methods))]
    public string Method { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        model = RandomGpt2.Create();
        using var generator = new Generator(3);
        var ids = torch.randint(0, RandomGpt2.SmallConfig.VocabSize, [ContextLength + 1], generator).ToArray<long>();
        request = new AttributionRequest(model, ids[..ContextLength], new AttributionTarget.Token(ids[ContextLength])) { BatchSize = 16 };
        attributor = AttributorRegistry.Create(Method, Overrides.GetValueOrDefault(Method) ?? [], Resources());
    }

    /// <summary>at2 gets AT2's initial theta = 1 / (layers * heads) for the model's shape rather than a
    /// trained one: a call's cost (one forward pass with attentions) does not depend on theta's values,
    /// and training in setup would time 33 forward passes per example for nothing.</summary>
    private AttributorResources Resources()
    {
        var (layers, heads) = At2Features.ShapeOf(model);
        return new AttributorResources { At2Estimator = At2Estimator.Uniform(layers, heads, model.ModelType) };
    }

    [Benchmark]
    public int Attribute()
    {
        var result = attributor.Attribute(request);
        LastCost[Method] = result.Cost;
        return result.Scores.Length;
    }

    [GlobalCleanup]
    public void Cleanup() => model.Dispose();
}
