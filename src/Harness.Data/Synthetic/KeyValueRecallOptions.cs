namespace Harness.Data.Synthetic;

/// <summary>Options of <see cref="KeyValueRecall"/> (harness choices: few enough pairs for a tiny model
/// to learn, enough that the queried one must be found).</summary>
public sealed record KeyValueRecallOptions
{
    public int MinPairs { get; init; } = 3;

    public int MaxPairs { get; init; } = 6;
}
