using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using Harness.Attribution;
using Harness.Attribution.Core;
using Harness.Evaluation;
using Harness.Evaluation.Core;
using Harness.Models;
using Harness.Models.Tokenization;
using Harness.Scoring;
using Harness.Torch;

namespace Harness.Benchmarks;

/// <summary>Every metric of <see cref="MetricRegistry"/>, with default options, on one example: 64
/// random context tokens and one target token on the GPT-2-small-sized random model (on each device and
/// dtype of <see cref="BenchPlacement"/>), the whole
/// context attributed, fixed scores (saliency's, computed once in setup) and no example memo, so
/// each call spends everything its definition needs. Columns: forward passes used, the definition's
/// minimum (<see cref="MinimumPasses"/>), their ratio, and the call's peak memory. label_agreement
/// decodes with the GPT-2 tokenizer against the labels positive/negative (a random model's answer
/// is usually unparseable; its passes are spent all the same).</summary>
[WarmupCount(1)]
[IterationCount(3)]
[RunOncePerIteration]
public class MetricBenchmarks
{
    private const int ContextLength = 64;
    private const long EndOfText = 50256;  // GPT-2's <|endoftext|>: BOS for `remove`, pad for the decodes
    private ILanguageModel model = null!;
    private MetricInput input = null!;
    private IMetric metric = null!;

    /// <summary>The registry's metrics but those that attribute again (model_randomization): their cost is the cell's
    /// attributor's, which AttributorBenchmarks times.</summary>
    public static IEnumerable<string> Metrics => MetricRegistry.Entries.Where(e => !e.RepeatsAttribution).Select(e => e.Name);

    [ParamsSource(nameof(Metrics))]
    public string Metric { get; set; } = "";

    public static IEnumerable<string> Devices => BenchPlacement.Devices;

    public static IEnumerable<string> DTypes => BenchPlacement.DTypes;

    [ParamsSource(nameof(Devices))]
    public string Device { get; set; } = "cpu";

    [ParamsSource(nameof(DTypes))]
    public string DType { get; set; } = "float32";

    /// <summary>The minimum-pass row of a case of this class; null for other benchmarks.</summary>
    public static MinimumPasses.Row? MinimumOf(BenchmarkCase benchmarkCase) =>
        benchmarkCase.Descriptor.Type == typeof(MetricBenchmarks) && benchmarkCase.Parameters[nameof(Metric)] is string name
            ? MinimumPasses.For(name)
            : null;

    [GlobalSetup]
    public void Setup()
    {
        model = BenchModel.Gpt2Small.Load(BenchPlacement.ParseDType(DType), BenchPlacement.ParseDevice(Device));
        var tokenizer = BenchAssets.Gpt2Tokenizer();
        using var generator = new Generator(5);
        var ids = torch.randint(0, model.VocabSize, [ContextLength + 1], generator).ToArray<long>();
        var target = new AttributionTarget.Token(ids[ContextLength]);
        var scores = new Attribution.Methods.Saliency().Attribute(new AttributionRequest(model, ids[..ContextLength], target)).Scores;
        input = new MetricInput(model, ids[..ContextLength], target, scores)
        {
            Seed = 1,
            PadId = EndOfText,
            BosId = EndOfText,
            RationalePositions = [.. Enumerable.Range(8, 8)],
            Decode = generated => tokenizer.Decode(generated.Select(id => (int)id).ToList(), skipSpecialTokens: true),
            LabelSet = ["positive", "negative"],
            Answers = ["paris"],          // context_pruning scores answers against it (a random model rarely matches)
            SupportingSources = [0],
        };
        metric = MetricRegistry.Create(Metric);
    }

    [Benchmark]
    public double Evaluate()
    {
        var result = metric.Evaluate(input);
        CostLedger.Record(typeof(MetricBenchmarks), result.Cost, (nameof(Metric), Metric), (nameof(Device), Device), (nameof(DType), DType));
        return result.Value;
    }

    [GlobalCleanup]
    public void Cleanup() => model?.Dispose();
}
