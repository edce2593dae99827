using Harness.Data.Examples;

namespace Harness.Data.Synthetic;

/// <summary>A seeded generator of one synthetic task whose examples carry their evidence spans (the
/// `synthetic` dataset of an experiment). Same name, count and seed: the same examples, on every platform.</summary>
public interface ISyntheticTask
{
    /// <summary>The experiment YAML's name of the task, e.g. "key_value_recall".</summary>
    string Name { get; }

    /// <summary><paramref name="count"/> examples; example i depends only on the seed and i, so a
    /// smaller count gives a prefix of a larger one.</summary>
    IReadOnlyList<Example> Generate(int count, ulong seed);
}
