namespace Harness.Data.Synthetic;

/// <summary>Options of <see cref="KeyValueRecall"/> (harness choices: enough pairs that the queried one
/// must be found among distractors, few enough for the embedded 0.86M-parameter decoder: trained on 3-6
/// pairs it answered every held-out prompt of 3-4 pairs and missed a third of those with the queried pair
/// fourth or later of 5-6, confusing it with a neighbouring pair; trained on 3-4 it passes 99%).</summary>
public sealed record KeyValueRecallOptions
{
    /// <summary>Fewest facts in a prompt.</summary>
    public int MinPairs { get; init; } = 3;

    /// <summary>Most facts in a prompt (at most the number of items and of numbers).</summary>
    public int MaxPairs { get; init; } = 4;
}
