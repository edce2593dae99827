using Harness.Evaluation.Core;
using Harness.Evaluation.Devices;
using Harness.Evaluation.Statistics;
using Harness.Reporting.Results;

namespace Harness.Reporting.Comparison;

/// <summary>
/// A run against a baseline run of the same experiment (cells match by id: model/dataset/attributor/seed).
/// Per cell x metric label: the run's mean over its units (example, step) with a percentile bootstrap
/// interval, the baseline's mean, and the mean paired difference run - baseline over the units both hold,
/// with its paired bootstrap interval. A metric regresses when the baseline mean lies outside the run's
/// interval widened by the tolerance on both sides: the rule does not know which direction is better
/// for a metric, so any change beyond noise and tolerance fails the nightly job until the baseline is
/// renewed. Timing regresses when the run's median wall time per attribution exceeds the baseline's by
/// more than the ratio threshold (baselines under the floor are too noisy to judge); cost regresses when
/// the mean forward + backward passes per attribution grow beyond the pass ratio (deterministic). A baseline cell that is missing or failed in the run, or a metric it lacks,
/// is a regression; cells only the run has are new and pass. When the baseline ran a model on another kind of
/// device than the run (models rows: cpu against cuda), float32 kernels differ and near-tied comparisons can
/// go the other way, so that model's metrics are judged per unit by <see cref="DeviceAgreement"/> instead.
/// </summary>
public static class RunComparison
{
    /// <summary>Compares <paramref name="run"/> with <paramref name="baseline"/> under <paramref name="options"/> (see the class summary).</summary>
    public static ComparisonResult Compare(RunResults run, RunResults baseline, ComparisonOptions options)
    {
        options.Validate();
        EnsureSameDefinitions(run, baseline);
        var metrics = new List<MetricComparison>();
        var timings = new List<TimingComparison>();
        var passes = new List<PassComparison>();
        var problems = new List<CellProblem>();
        var runCells = run.Cells.ToDictionary(c => c.CellId, StringComparer.Ordinal);
        var devices = DeviceDifference.Between(run, baseline);
        var sharedUnits = false;
        foreach (var cell in baseline.Cells.Where(c => c.Done))
        {
            if (!runCells.TryGetValue(cell.CellId, out var current))
            {
                problems.Add(new CellProblem(cell.CellId, "missing from the run"));
                continue;
            }

            if (!current.Done)
            {
                problems.Add(new CellProblem(cell.CellId, $"failed in the run: {current.Error}"));
                continue;
            }

            var runMetrics = Units(run, cell.CellId);
            foreach (var (label, baselineValues) in Units(baseline, cell.CellId))
            {
                if (!runMetrics.TryGetValue(label, out var runValues) || !runValues.Values.Any(double.IsFinite))
                {
                    problems.Add(new CellProblem($"{cell.CellId} {label}", "the run has no value of this metric"));
                    continue;
                }

                if (!baselineValues.Values.Any(double.IsFinite)) continue;
                sharedUnits |= runValues.Keys.Any(baselineValues.ContainsKey);
                var comparison = CompareMetric(cell.CellId, label, runValues, baselineValues, options);
                metrics.Add(devices.Any(d => d.Model == cell.Model) ? AcrossDevices(comparison, run, baseline, cell.CellId, label) : comparison);
            }

            if (MedianWall(run, cell.CellId) is { } runMs && MedianWall(baseline, cell.CellId) is { } baseMs && baseMs > 0)
                timings.Add(new TimingComparison(cell.CellId, runMs, baseMs, baseMs >= options.MinimumMilliseconds && runMs / baseMs > options.TimingRatio));
            if (MeanPasses(run, cell.CellId) is { } runPasses && MeanPasses(baseline, cell.CellId) is { } basePasses)
                passes.Add(new PassComparison(cell.CellId, runPasses, basePasses, runPasses > basePasses * options.PassRatio + 1e-9));
        }

        // Cells match by id, so a baseline of other data (another sample, seed or dataset) would report every metric as
        // moved: say what is wrong instead, and fail, as any unusable baseline does.
        if (metrics.Count > 0 && !sharedUnits)
        {
            metrics.Clear();
            problems.Add(new CellProblem(baseline.Folder, "nothing was compared: the run and the baseline share no example (example id and step) in any cell, "
                + "so they evaluate other data (another sample, seed or dataset); compare with a baseline of the same experiment"));
        }
        // A nightly job must not turn green because nothing was compared (an empty, all-failed or unrelated baseline).
        else if (metrics.Count == 0)
            problems.Add(new CellProblem(baseline.Folder, baseline.Cells.Any(c => c.Done)
                ? "nothing was compared: no metric value of the baseline's finished cells could be compared with the run"
                : "nothing was compared: the baseline holds no finished cell"));
        return new ComparisonResult(run.Folder, baseline.Folder, options, metrics, timings, passes, problems) { DeviceDifferences = devices };
    }

    /// <summary>Refuses runs computed under different definitions versions (or a run mixing versions): their numbers
    /// differ by definition, so the interval rule would report changed definitions as regressions.</summary>
    private static void EnsureSameDefinitions(RunResults run, RunResults baseline)
    {
        static string Describe(RunResults r) => r.DefinitionsVersions.Count == 0 ? "no rows" : $"definitions version {string.Join(" and ", r.DefinitionsVersions)}";
        foreach (var r in new[] { run, baseline })
            if (r.DefinitionsVersions.Count > 1)
                throw new IncomparableRunsException($"{r.Folder} mixes rows of {Describe(r)}: it was resumed by another harness version; rerun it into a new folder");
        if (run.DefinitionsVersions.Count == 1 && baseline.DefinitionsVersions.Count == 1 && !run.DefinitionsVersions.SetEquals(baseline.DefinitionsVersions))
            throw new IncomparableRunsException(
                $"cannot compare {run.Folder} ({Describe(run)}) with {baseline.Folder} ({Describe(baseline)}): attributor and metric definitions " +
                "changed between them (src/Harness.Experiments/Store/DefinitionsVersion.cs), so their differences are not regressions; re-record the baseline");
    }

    private static MetricComparison CompareMetric(
        string cellId, string label, IReadOnlyDictionary<string, double> runValues, IReadOnlyDictionary<string, double> baselineValues, ComparisonOptions options)
    {
        var finite = runValues.Values.Where(double.IsFinite).ToArray();
        var runInterval = PairedBootstrap.Interval(new PairedValues(finite, finite), (a, _) => a.Average(), MetricSamples.BootstrapSeed, options.Resamples, options.Level);
        var baselineMean = MetricSamples.FiniteMean(baselineValues.Values);
        var shared = runValues.Keys.Where(baselineValues.ContainsKey).Order(StringComparer.Ordinal).ToArray();
        var pairs = new PairedValues(shared.Select(k => runValues[k]).ToArray(), shared.Select(k => baselineValues[k]).ToArray());
        var difference = PairedBootstrap.Interval(pairs, (a, b) => a.Average() - b.Average(), MetricSamples.BootstrapSeed, options.Resamples, options.Level);
        // With a single unit the bootstrap interval collapses to the point; the tolerance alone then decides.
        var (lower, upper) = double.IsFinite(runInterval.Lower) ? (runInterval.Lower, runInterval.Upper) : (runInterval.Estimate, runInterval.Estimate);
        var regressed = baselineMean < lower - options.Tolerance || baselineMean > upper + options.Tolerance;
        return new MetricComparison(cellId, label, runInterval, baselineMean, difference, pairs.Count, regressed);
    }

    /// <summary>The comparison with its verdict taken from every baseline unit's cross-device agreement (a unit the run
    /// lacks counts as NaN there).</summary>
    private static MetricComparison AcrossDevices(MetricComparison comparison, RunResults run, RunResults baseline, string cellId, string label)
    {
        var runUnits = DeviceUnits(run, cellId, label);
        var missing = new DeviceUnit(double.NaN, new Dictionary<PartKey, double>(), []);
        var agreements = DeviceUnits(baseline, cellId, label)
            .Select(b => DeviceAgreement.Judge(DeviceAgreement.For(b.Value.Metric), runUnits.TryGetValue(b.Key, out var r) ? r.Unit : missing, b.Value.Unit))
            .ToList();
        var verdict = DeviceVerdict.Of(agreements);
        return comparison with { Regressed = verdict.Disagreements > 0, Devices = verdict };
    }

    /// <summary>Unit (example#step) -> the metric's registry name and what the store keeps of it, scores included.</summary>
    private static Dictionary<string, (string Metric, DeviceUnit Unit)> DeviceUnits(RunResults run, string cellId, string label)
    {
        var scores = run.Attributions.Where(a => a.CellId == cellId).ToDictionary(a => a.ItemKey, a => a.Scores, StringComparer.Ordinal);
        return run.Metrics.Where(m => m.CellId == cellId && m.Label == label).ToDictionary(
            m => m.ItemKey, m => (m.Metric, new DeviceUnit(m.Value, m.Parts, scores.TryGetValue(m.ItemKey, out var s) ? s : [])), StringComparer.Ordinal);
    }

    /// <summary>Metric label -> unit (example#step) -> value for one cell.</summary>
    private static Dictionary<string, IReadOnlyDictionary<string, double>> Units(RunResults run, string cellId) =>
        run.Metrics.Where(m => m.CellId == cellId).GroupBy(m => m.Label, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, double>)g.ToDictionary(m => m.ItemKey, m => m.Value, StringComparer.Ordinal), StringComparer.Ordinal);

    /// <summary>The median, not the mean: one attribution stalled by another process must not decide the verdict.</summary>
    private static double? MedianWall(RunResults run, string cellId)
    {
        var walls = run.Attributions.Where(a => a.CellId == cellId).Select(a => a.WallMilliseconds).Order().ToList();
        return walls.Count == 0 ? null : PairedBootstrap.Quantile(walls, 0.5);
    }

    private static double? MeanPasses(RunResults run, string cellId)
    {
        var passes = run.Attributions.Where(a => a.CellId == cellId).Select(a => (double)(a.ForwardPasses + a.BackwardPasses)).ToArray();
        return passes.Length == 0 ? null : passes.Average();
    }
}
