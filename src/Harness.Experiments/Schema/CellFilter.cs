namespace Harness.Experiments.Schema;

/// <summary>An `only` or `exclude` entry: a cell matches when every given field equals its model,
/// dataset or attributor label (or attributor name); absent fields match anything.</summary>
public sealed record CellFilter(string? Model, string? Dataset, string? Attributor, SourcePosition Position)
{
    /// <summary>True when every field given in this entry equals the cell's model, dataset, and attributor label or name.</summary>
    public bool Matches(string model, string dataset, AttributorSpec attributor) =>
        (Model is null || Model == model) && (Dataset is null || Dataset == dataset)
        && (Attributor is null || Attributor == attributor.Label || Attributor == attributor.Name);
}
