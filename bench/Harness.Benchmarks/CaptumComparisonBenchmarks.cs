using System.Diagnostics;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Harness.Attribution;
using Harness.Attribution.Core;
using Harness.Attribution.Methods;
using Harness.Models;
using Harness.Scoring;
using Harness.Torch;
using System.Globalization;

namespace Harness.Benchmarks;

/// <summary>
/// The harness's side of the same-run comparison with PyTorch eager and Captum (issue 27 items 6 and 7; driver
/// bench/compare.sh, the other side bench/pytorch/captum_compare.py): the GPT-2-small-sized model of
/// <see cref="ComparisonModel"/> loaded from its folder, 64 tokens, one target token, float32, on each device of
/// <see cref="BenchPlacement"/>. Cases: one forward of 1 x 64 and of 16 x 64 tokens (every position's logits, as a
/// Hugging Face model computes them), 16 x 64 with the output layer at the last position only (what the scorers run,
/// issue 27 item 1), and saliency, integrated_gradients, occlusion and lime with their default options and batches of
/// 16. Each measured call is also appended to HARNESS_COMPARE_OUT/ours.jsonl (seconds, passes, tokens, scores) for the
/// driver's table. The counts come from the command line (the driver passes --warmupCount 0 --iterationCount N:
/// BenchmarkDotNet's jitting call is the warm-up; Captum's lime takes minutes per call on a CPU).
/// </summary>
[RunOncePerIteration]
public class CaptumComparisonBenchmarks
{
    public const string OutVariable = "HARNESS_COMPARE_OUT";

    private ILanguageModel model = null!;
    private Device device;
    private AttributionRequest request = null!;
    private IAttributor? attributor;
    private Tensor? ids;

    /// <summary>The cases, or those listed in HARNESS_COMPARE_CASES (comma-separated).</summary>
    public static IEnumerable<string> Cases =>
        Environment.GetEnvironmentVariable("HARNESS_COMPARE_CASES") is { Length: > 0 } subset
            ? subset.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : ["forward_1x64", "forward_16x64", "forward_16x64_last1", Saliency.MethodName, IntegratedGradients.MethodName, Occlusion.MethodName, Lime.MethodName];

    [ParamsSource(nameof(Cases))]
    public string Case { get; set; } = Occlusion.MethodName;

    public static IEnumerable<string> Devices => BenchPlacement.Devices;

    [ParamsSource(nameof(Devices))]
    public string Device { get; set; } = "cpu";

    /// <summary>Sequences of a forward case (its name's B in forward_BxT[_lastN]), 0 for an attributor.</summary>
    private int ForwardBatch => Case.StartsWith("forward_", StringComparison.Ordinal) ? int.Parse(Case["forward_".Length..].Split('x')[0], CultureInfo.InvariantCulture) : 0;

    /// <summary>A forward case's output positions: N of its _lastN suffix, else every position.</summary>
    private ForwardOptions ForwardOptions => Case.Split("_last") is [_, var n] ? new ForwardOptions { LastPositions = int.Parse(n, CultureInfo.InvariantCulture) } : ForwardOptions.Default;

    [GlobalSetup]
    public void Setup()
    {
        var folder = ComparisonModel.Ensure();
        device = BenchPlacement.ParseDevice(Device);
        model = ModelLoader.Load(folder, ScalarType.Float32, device);
        var prompt = ComparisonModel.ReadPrompt(folder);
        request = new AttributionRequest(model, prompt.Context, new AttributionTarget.Token(prompt.Target)) { BatchSize = 16 };
        if (ForwardBatch > 0)
        {
            using var scope = torch.NewDisposeScope();
            ids = torch.tensor(prompt.Context, [1, prompt.Context.Length], device: device).expand(ForwardBatch, -1).contiguous().DetachFromDisposeScope();
        }
        else attributor = AttributorRegistry.Create(Case, new Dictionary<string, string>(), new AttributorResources());
    }

    [Benchmark]
    public int Run()
    {
        var clock = Stopwatch.StartNew();
        if (attributor is null)
        {
            using var noGrad = torch.no_grad();
            using var scope = torch.NewDisposeScope();
            var logits = model.Forward(ModelInput.FromIds(ids!), ForwardOptions).Logits;   // [B, 64 or N, V]
            BenchPlacement.Synchronize(device);
            Append(new CallRecord(Case, Device, clock.Elapsed.TotalSeconds, ForwardBatch, 0, ForwardBatch * ComparisonModel.ContextLength, null));
            return (int)logits.size(0);
        }

        var result = attributor.Attribute(request);
        CostLedger.Record(typeof(CaptumComparisonBenchmarks), result.Cost, (nameof(Case), Case), (nameof(Device), Device));
        Append(new CallRecord(Case, Device, clock.Elapsed.TotalSeconds, result.Cost.ForwardPasses, result.Cost.BackwardPasses,
            result.Cost.TokensProcessed, result.Scores));
        return result.Scores.Length;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        ids?.Dispose();
        model?.Dispose();
    }

    /// <summary>One call as bench/pytorch/compare_table.py reads it; every call is appended (BenchmarkDotNet's jitting
    /// and warm-up calls included), the table takes each case's last three.</summary>
    private sealed record CallRecord(string Case, string Device, double Seconds, long Forward, long Backward, long Tokens, float[]? Scores);

    private static void Append(CallRecord record)
    {
        if (Environment.GetEnvironmentVariable(OutVariable) is not { Length: > 0 } folder) return;
        Directory.CreateDirectory(folder);
        File.AppendAllText(Path.Combine(folder, "ours.jsonl"), JsonSerializer.Serialize(record, JsonOptions) + "\n");
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
}
