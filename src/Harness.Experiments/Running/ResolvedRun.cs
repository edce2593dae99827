using Harness.Experiments.Grid;
using Harness.Experiments.Schema;
using Harness.Torch;

namespace Harness.Experiments.Running;

/// <summary>What a run's steps before any model loads resolved, each once (<see cref="ExperimentRunner.Prepare(ExperimentSpec)"/>):
/// the validated experiment, its cells, every attributor's and metric's options bound, and every model's device.</summary>
public sealed record ResolvedRun(ExperimentSpec Spec, IReadOnlyList<Cell> Cells, BoundOptions Options, IReadOnlyDictionary<string, Device> Devices);
