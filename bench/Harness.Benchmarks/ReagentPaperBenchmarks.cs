using BenchmarkDotNet.Attributes;
using Harness.Attribution;
using Harness.Attribution.Core;
using Harness.Attribution.Methods;
using Harness.Models;
using Harness.Scoring;
using Harness.Torch;

namespace Harness.Benchmarks;

/// <summary>
/// ReAGent at the paper's token-level settings (issue 27, item 3): the ReAGent code's token-level config (ReAgentOptions'
/// defaults: keep the top 8, replace ratio 0.1, 5 chains, up to 5000 steps, stop at top 3) with the uniform replacer
/// (the POS map needs text; these contexts are random ids), on GPT-2-small- and GPT-2-medium-sized random models at 64
/// tokens. As the paper's LongRA protocol (only analogies the model gets right) each target is the token the model
/// itself predicts after its context: a random model's own prediction can be reached by the stopping test, where a
/// random target never enters its top 3 and every chain would run all 5000 steps. A call attributes
/// <see cref="TargetsPerCall"/> targets as one pack, as the runner packs a cell's items: passes of at most
/// <see cref="RowsPerPass"/> rows (the requests' batch size; HARNESS_BENCH_REAGENT_ROWS, comma-separated for a grid,
/// default 40: four targets' chains at once), the other targets starting in the rows of chains that stopped. Mean is
/// seconds per target; Steps and Stopped are the calls' ReAGent diagnostics. A step costs seconds on a 2-core CPU:
/// run one model at a time (--filter '*gpt2-small*'); HARNESS_BENCH_OPTIONS (e.g. reagent.max_steps=50) changes a
/// setting, and the Options column of the export then says so; HARNESS_BENCH_DEVICE and HARNESS_BENCH_DTYPE place
/// the model (cpu and float32 when unset).
/// </summary>
[WarmupCount(0)] // a call is minutes on a CPU: BenchmarkDotNet's jitting call warms up, one call is measured
[IterationCount(1)]
[RunOncePerIteration]
public class ReagentPaperBenchmarks
{
    /// <summary>Targets a call attributes as one pack (the operations BenchmarkDotNet divides each call's time by).</summary>
    public const int TargetsPerCall = 16;

    private const int ContextLength = 64;

    private ILanguageModel model = null!;
    private List<AttributionRequest> requests = null!;
    private IPackedAttributor reagent = null!;

    /// <summary>ReAGent's options here: the uniform replacer, then HARNESS_BENCH_OPTIONS's reagent entries.</summary>
    public static IReadOnlyDictionary<string, string> Options
    {
        get
        {
            var options = new Dictionary<string, string>(StringComparer.Ordinal) { ["replacer"] = "uniform" };
            foreach (var (key, value) in AttributorBenchmarks.EnvironmentOptions(ReAgent.MethodName)) options[key] = value;
            return options;
        }
    }

    public static IEnumerable<BenchModel> Models => [BenchModel.Gpt2Small, BenchModel.Gpt2Medium];

    [ParamsSource(nameof(Models))]
    public BenchModel Model { get; set; } = BenchModel.Gpt2Small;

    public static IEnumerable<string> Devices => BenchPlacement.Devices;

    [ParamsSource(nameof(Devices))]
    public string Device { get; set; } = "cpu";

    public static IEnumerable<string> DTypes => BenchPlacement.DTypes;

    [ParamsSource(nameof(DTypes))]
    public string DType { get; set; } = "float32";

    public static IEnumerable<int> RowsPerPassValues => BenchPlacement.List("HARNESS_BENCH_REAGENT_ROWS", "40").Select(int.Parse);

    /// <summary>The requests' batch size: the most rows a pass holds.</summary>
    [ParamsSource(nameof(RowsPerPassValues))]
    public int RowsPerPass { get; set; } = 40;

    [GlobalSetup]
    public void Setup()
    {
        model = Model.Load(BenchPlacement.ParseDType(DType), BenchPlacement.ParseDevice(Device));
        reagent = (IPackedAttributor)AttributorRegistry.Create(ReAgent.MethodName, Options, new AttributorResources());
        using var generator = new Generator(11);
        using var scope = torch.NewDisposeScope();
        var contexts = torch.randint(0, model.VocabSize, [TargetsPerCall, ContextLength], generator).to(model.Device);
        using (torch.no_grad())
        {
            var predicted = model.Forward(new ModelInput { InputIds = contexts }).Logits.select(1, ContextLength - 1).argmax(-1).cpu().ToArray<long>();
            var ids = contexts.cpu().ToArray<long>();
            requests = Enumerable.Range(0, TargetsPerCall).Select(t => new AttributionRequest(model, ids[(t * ContextLength)..((t + 1) * ContextLength)],
                new AttributionTarget.Token(predicted[t])) { Seed = (ulong)t, BatchSize = RowsPerPass }).ToList();
        }
    }

    [Benchmark(OperationsPerInvoke = TargetsPerCall)]
    public int Attribute()
    {
        var results = reagent.AttributeMany(requests);
        var parameters = new (string, object)[] { (nameof(Model), Model), (nameof(Device), Device), (nameof(DType), DType), (nameof(RowsPerPass), RowsPerPass) };
        CostLedger.Record(typeof(ReagentPaperBenchmarks), results[0].Cost, parameters);
        CostLedger.RecordDiagnostics(typeof(ReagentPaperBenchmarks), results.Select(r => r.Diagnostics).ToList(), parameters);
        return results.Count;
    }

    [GlobalCleanup]
    public void Cleanup() => model?.Dispose();
}
