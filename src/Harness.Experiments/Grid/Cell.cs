using Harness.Experiments.Schema;

namespace Harness.Experiments.Grid;

/// <summary>One unit of work and of storage: an attributor variant on every selected example of a
/// dataset under a model, with one seed; every metric of the experiment is computed inside it. Its
/// <see cref="Id"/> is stable across runs of the same experiment (resume keys on it).</summary>
public sealed record Cell(ModelSpec Model, DatasetSpec Dataset, AttributorSpec Attributor, ulong Seed)
{
    /// <summary>The cell's key, MODEL/DATASET/ATTRIBUTOR-LABEL/seed=SEED: the store's cell_id, and what resume and shards match on.</summary>
    public string Id => $"{Model.Name}/{Dataset.Name}/{Attributor.Label}/seed={Seed}";
}
