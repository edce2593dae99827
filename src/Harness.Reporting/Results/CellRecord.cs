namespace Harness.Reporting.Results;

/// <summary>One cell of a run as the store holds it (its id is model/dataset/attributor label/seed, stable across runs).</summary>
public sealed record CellRecord(
    string CellId, string Model, string Dataset, string Attributor, string AttributorName, ulong Seed, bool Done, string? Error, double WallMilliseconds)
{
    /// <summary>The attributor's options as written in the experiment (grid values included).</summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();
}
