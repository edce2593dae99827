using BenchmarkDotNet.Attributes;
using Harness.Attribution;
using Harness.Attribution.Core;
using Harness.Attribution.Methods;
using Harness.Models;
using Harness.Scoring;
using Harness.Torch;

namespace Harness.Benchmarks;

/// <summary>Every registered attributor, with its default options, on {tiny, gpt2-small} x context
/// lengths {32, 64, 128, 512} x the devices and dtypes of <see cref="BenchPlacement"/> and one target
/// token; forward and backward pass counts, the peak memory of the last call (from its CostRecord) and
/// the options that differ from the defaults are custom columns. Methods come from the registry, so a
/// new one is timed with no edit. The full grid is long on a CPU (shapley_sampling at 512 tokens runs
/// thousands of passes): pick cells with --filter or HARNESS_BENCH_METHODS, HARNESS_BENCH_MODELS and
/// HARNESS_BENCH_LENGTHS. reagent runs its uniform replacer: the random context has no text for a
/// masked LM to read.</summary>
[WarmupCount(1)]
[IterationCount(5)] // the GPU check's short job: 1 warm-up, 5 measured calls
[RunOncePerIteration]
public class AttributorBenchmarks
{
    private ILanguageModel model = null!;
    private AttributionRequest request = null!;
    private IAttributor attributor = null!;

    /// <summary>Options that differ from a method's defaults (see the summary), before HARNESS_BENCH_OPTIONS.</summary>
    private static readonly Dictionary<string, Dictionary<string, string>> Overrides = new()
    {
        // The random model's target never enters its top 3, so ReAGent's 3000 default steps would all run
        // (1 + 2 x 8 x 3000 passes): bounded at 10 steps, 161 passes (HARNESS_BENCH_OPTIONS=reagent.max_steps=200 on a GPU).
        [ReAgent.MethodName] = new() { ["replacer"] = "uniform", ["max_steps"] = "10" },
    };

    /// <summary>The options <paramref name="attributor"/> runs with here: <see cref="Overrides"/>, then
    /// HARNESS_BENCH_OPTIONS's entries for it (<see cref="EnvironmentOptions"/>).</summary>
    public static IReadOnlyDictionary<string, string> OptionsOf(string attributor)
    {
        var options = new Dictionary<string, string>(Overrides.GetValueOrDefault(attributor) ?? []);
        foreach (var (key, value) in EnvironmentOptions(attributor)) options[key] = value;
        return options;
    }

    /// <summary>HARNESS_BENCH_OPTIONS's `method.key=value` entries (comma-separated) for <paramref name="attributor"/>,
    /// e.g. reagent.max_steps=200.</summary>
    public static IEnumerable<(string Key, string Value)> EnvironmentOptions(string attributor)
    {
        var entries = Environment.GetEnvironmentVariable("HARNESS_BENCH_OPTIONS") ?? "";
        foreach (var entry in entries.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var (dot, equals) = (entry.IndexOf('.'), entry.IndexOf('='));
            if (dot < 1 || equals < dot + 2)
                throw new ArgumentException($"HARNESS_BENCH_OPTIONS: '{entry}' is not method.key=value (e.g. reagent.max_steps=200)");
            if (entry[..dot] == attributor) yield return (entry[(dot + 1)..equals], entry[(equals + 1)..]);
        }
    }

    /// <summary>The registry's names, or those listed in HARNESS_BENCH_METHODS (comma-separated) to
    /// time a subset. (Named Attributor, not Method, which is BenchmarkDotNet's own column.)</summary>
    public static IEnumerable<string> Attributors =>
        Environment.GetEnvironmentVariable("HARNESS_BENCH_METHODS") is { Length: > 0 } subset
            ? subset.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : AttributorRegistry.Names;

    /// <summary>Both models, or those named in HARNESS_BENCH_MODELS (tiny, gpt2-small).</summary>
    public static IEnumerable<BenchModel> Models =>
        Environment.GetEnvironmentVariable("HARNESS_BENCH_MODELS") is { Length: > 0 } subset
            ? BenchModel.All.Where(m => subset.Split(',', StringSplitOptions.TrimEntries).Contains(m.ToString()))
            : BenchModel.All;

    /// <summary>Context lengths 32, 64 (the attributors issue's figure), 128 and 512, or those in HARNESS_BENCH_LENGTHS.</summary>
    public static IEnumerable<int> ContextLengths =>
        Environment.GetEnvironmentVariable("HARNESS_BENCH_LENGTHS") is { Length: > 0 } subset
            ? subset.Split(',', StringSplitOptions.TrimEntries).Select(int.Parse)
            : [32, 64, 128, 512];

    [ParamsSource(nameof(Models))]
    public BenchModel Model { get; set; } = BenchModel.Gpt2Small;

    [ParamsSource(nameof(ContextLengths))]
    public int ContextLength { get; set; }

    [ParamsSource(nameof(Attributors))]
    public string Attributor { get; set; } = "";

    public static IEnumerable<string> Devices => BenchPlacement.Devices;

    public static IEnumerable<string> DTypes => BenchPlacement.DTypes;

    [ParamsSource(nameof(Devices))]
    public string Device { get; set; } = "cpu";

    [ParamsSource(nameof(DTypes))]
    public string DType { get; set; } = "float32";

    [GlobalSetup]
    public void Setup()
    {
        model = Model.Load(BenchPlacement.ParseDType(DType), BenchPlacement.ParseDevice(Device));
        using var generator = new Generator(3);
        var ids = torch.randint(0, model.VocabSize, [ContextLength + 1], generator).ToArray<long>();
        request = new AttributionRequest(model, ids[..ContextLength], new AttributionTarget.Token(ids[ContextLength])) { BatchSize = 16 };
        attributor = AttributorRegistry.Create(Attributor, OptionsOf(Attributor), Resources());
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
        CostLedger.Record(typeof(AttributorBenchmarks), result.Cost, (nameof(Model), Model), (nameof(ContextLength), ContextLength), (nameof(Attributor), Attributor),
            (nameof(Device), Device), (nameof(DType), DType));
        return result.Scores.Length;
    }

    [GlobalCleanup]
    public void Cleanup() => model?.Dispose();
}
