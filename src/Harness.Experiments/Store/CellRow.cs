namespace Harness.Experiments.Store;

/// <summary>A cell as stored: its id (model/dataset/attributor label/seed), the attributor's name and options, and how it ended.</summary>
public sealed record CellRow(
    string CellId, string Model, string Dataset, string Attributor, string AttributorName, IReadOnlyDictionary<string, string> AttributorOptions,
    ulong Seed, bool Done, string? Error, double WallMilliseconds);
