using Harness.Data.Examples;

namespace Harness.Data.Synthetic;

/// <summary>
/// key_value_recall: a list of "the {item} costs {number} ." facts with distinct items and distinct
/// numbers, then "how much does the {item} cost ? the {item} costs" for one listed item; the target
/// is its number. Rationale: the queried item's key and value in its fact (the query repeats the key
/// but is the question, not the evidence).
/// </summary>
public sealed class KeyValueRecall(KeyValueRecallOptions? options = null) : ISyntheticTask
{
    /// <summary>The task's experiment-YAML name.</summary>
    public const string TaskName = "key_value_recall";

    private readonly KeyValueRecallOptions options = Validated(options ?? new KeyValueRecallOptions());

    /// <inheritdoc/>
    public string Name => TaskName;

    /// <inheritdoc/>
    public IReadOnlyList<Example> Generate(int count, ulong seed) =>
        Enumerable.Range(0, count).Select(i => Create(SplitMix64.ForExample(seed, i), $"{TaskName}-{seed}-{i:D5}")).ToList();

    private static KeyValueRecallOptions Validated(KeyValueRecallOptions o)
    {
        var most = Math.Min(SyntheticVocabulary.Items.Count, SyntheticVocabulary.Numbers.Count);
        return o.MinPairs >= 1 && o.MaxPairs >= o.MinPairs && o.MaxPairs <= most
            ? o
            : throw new ArgumentOutOfRangeException(nameof(o), $"pairs {o.MinPairs}..{o.MaxPairs}: expected 1 <= min <= max <= {most} (distinct keys and values)");
    }

    private Example Create(SplitMix64 random, string id)
    {
        var pairs = random.Between(options.MinPairs, options.MaxPairs);
        var keys = random.Sample(SyntheticVocabulary.Items, pairs);
        var values = random.Sample(SyntheticVocabulary.Numbers, pairs);
        var queried = random.Next(pairs);

        var writer = new TokenWriter();
        var rationale = new List<CharSpan>();
        for (var p = 0; p < pairs; p++)
        {
            writer.Words("the");
            var key = writer.Mark(keys[p]);
            writer.Words("costs");
            var value = writer.Mark(values[p]);
            writer.Words(".");
            if (p == queried) rationale.AddRange([key, value]);
        }

        writer.Words($"how much does the {keys[queried]} cost ? the {keys[queried]} costs");
        return new Example(id, writer.ToString())
        {
            Target = " " + values[queried],
            Rationale = rationale,
            Task = TaskName,
        };
    }
}
