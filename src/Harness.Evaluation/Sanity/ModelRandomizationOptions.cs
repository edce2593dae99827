namespace Harness.Evaluation.Sanity;

/// <summary>Options of <see cref="ModelRandomization"/>. Source: Adebayo et al. 2018, cascading randomisation, which
/// re-initialises the model from its top layer down; the harness's default is the cascade's end, every decoder block.</summary>
public sealed record ModelRandomizationOptions
{
    /// <summary>How many decoder blocks, counted from the top, are re-initialised (YAML `layers`); null (the default):
    /// all of them. List the metric once per depth, each with its `label`, for the cascade.</summary>
    public int? Layers { get; init; }

    /// <summary>Seed of the re-initialised weights (YAML `weights_seed`): the same seed, the same copy, for every cell.</summary>
    public ulong WeightsSeed { get; init; }
}
