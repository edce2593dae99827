using System.Globalization;

namespace Harness.Experiments.Planning;

/// <summary>Shard <see cref="Index"/> of <see cref="Count"/> (`--shard I/N`, I from 0 as Slurm's array task ids count):
/// its cells are those <see cref="ShardPartition"/> gives it, its store RUN/shards/vV/I-of-N/results.sqlite.</summary>
public readonly record struct ShardId(int Index, int Count)
{
    /// <summary>The most shards a plan is split into; more would leave shards of a 16-attributor grid empty anyway.</summary>
    public const int MaxCount = 100_000;

    /// <summary>Parses "I/N" with 0 &lt;= I &lt; N; null with the reason otherwise.</summary>
    public static ShardId? TryParse(string text, out string? problem)
    {
        var parts = text.Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                              || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            problem = $"expected I/N (shard I of N, counted from 0, e.g. 0/4), got '{text}'";
            return null;
        }

        problem = count is < 1 or > MaxCount ? $"N must be 1 to {MaxCount}, got {count}"
            : index >= count ? $"I counts from 0 to N - 1 ({count - 1}), got {index}"
            : null;
        return problem is null ? new ShardId(index, count) : null;
    }

    /// <summary>The shard's folder name: "I-of-N".</summary>
    public string FolderName => FormattableString.Invariant($"{Index}-of-{Count}");

    /// <summary>Reads a folder name "I-of-N" back; null for any other name.</summary>
    public static ShardId? FromFolderName(string name)
    {
        var parts = name.Split("-of-");
        return parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var i)
                                 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && i < n
            ? new ShardId(i, n)
            : null;
    }

    /// <summary>"I/N", as `--shard` takes it.</summary>
    public override string ToString() => FormattableString.Invariant($"{Index}/{Count}");
}
