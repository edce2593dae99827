using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Harness.Experiments.Grid;
using Harness.Experiments.Running;
using Harness.Experiments.Store;
using Harness.Experiments.Yaml;

namespace Harness.Benchmarks;

/// <summary>
/// The runner's own cost (experiments issue item 7): a slice of the quickstart on the embedded tiny
/// model (2 tasks x 4 examples x 5 attributors x 5 metrics, 10 cells) run end to end into a fresh
/// store. The "Overhead" column is the share of the run's wall time that is neither model loading and
/// target selection nor attributor and metric calls (their own wall times, from the store): store
/// writes, provenance, memos, bookkeeping. Target: under 5%.
/// </summary>
[WarmupCount(1)]
[IterationCount(3)]
[RunOncePerIteration]
public class RunnerBenchmarks
{
    private const string Experiment = """
        name: runner-overhead
        output: OUTPUT
        seeds: [0]
        batch_size: 32
        x-task: &task {reader: synthetic, sample: 4, seed: 7, split: test}
        models:
          - {name: tiny-gpt2, path: MODEL}
        datasets:
          - {name: long_range_agreement, task: long_range_agreement, <<: *task}
          - {name: keyword_sentiment, task: keyword_sentiment, <<: *task}
        attributors:
          - random
          - attention
          - saliency
          - {name: integrated_gradients, options: {steps: 16}}
          - {name: occlusion, options: {replacement_token_id: 0}}
        metrics:
          - soft_ns
          - soft_nc
          - aopc_comprehensiveness
          - {name: lds, options: {masks: 16}}
          - plausibility

        """;

    private string folder = "";
    private string file = "";

    /// <summary>Overhead share of the last run, read by <see cref="RunnerOverheadColumn"/>.</summary>
    public static double? LastOverhead { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        folder = Path.Combine(Path.GetTempPath(), $"harness-runner-bench-{Environment.ProcessId}");
        Directory.CreateDirectory(folder);
        file = Path.Combine(folder, "experiment.yaml");
        var model = Path.Combine(RepositoryRoot.Path, "experiments", "models", "tiny-gpt2");
        if (!Directory.Exists(model)) throw new DirectoryNotFoundException($"the embedded tiny model is missing: {model}");
        File.WriteAllText(file, Experiment.Replace("OUTPUT", Path.Combine(folder, "run")).Replace("MODEL", model));
    }

    [Benchmark]
    public int Run()
    {
        var output = Path.Combine(folder, "run");
        if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        var observer = new SetupClock();
        var clock = Stopwatch.StartNew();
        var summary = new ExperimentRunner(observer).Run(ExperimentYaml.Load(file), resume: false);
        var total = clock.Elapsed.TotalMilliseconds;

        using var store = ResultStore.Open(output);
        var attributions = (double)store.Query("SELECT SUM(wall_ms) AS t FROM attributions").Single()["t"]!;
        var metrics = (double)store.Query("SELECT SUM(wall_ms) AS t FROM metric_values").Single()["t"]!;
        LastOverhead = (total - observer.SetupMilliseconds - attributions - metrics) / total;
        return summary.Ran.Count;
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(folder, recursive: true);

    /// <summary>Times model loading and target selection: from the first "loading" to the first cell.</summary>
    private sealed class SetupClock : IRunObserver
    {
        private readonly Stopwatch clock = new();

        public double SetupMilliseconds { get; private set; }

        public void RunStarted(string runId, int cells, int alreadyFinished)
        {
        }

        public void Loading(string what)
        {
            if (!clock.IsRunning) clock.Start();
        }

        public void CellStarted(Cell cell, int items)
        {
            // Targets are chosen per dataset before its first cell: add each such interval.
            if (!clock.IsRunning) return;
            clock.Stop();
            SetupMilliseconds = clock.Elapsed.TotalMilliseconds;
        }

        public void ItemFinished(Cell cell, int done, int items)
        {
        }

        public void CellFinished(CellOutcome outcome)
        {
        }
    }
}
