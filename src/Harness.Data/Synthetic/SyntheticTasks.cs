namespace Harness.Data.Synthetic;

/// <summary>Every synthetic task by its experiment-YAML name, with default options: one explicit,
/// ordered table (no reflection; a test checks each task appears once and names itself as listed).</summary>
public static class SyntheticTasks
{
    /// <summary>The tasks with their default options, in the order CLI help and errors list them.</summary>
    public static readonly IReadOnlyList<ISyntheticTask> All =
    [
        new LongRangeAgreement(),
        new KeyValueRecall(),
        new KeywordSentiment(),
        new MultiPassageQa(),
    ];

    /// <summary>The tasks' YAML names, in table order.</summary>
    public static IReadOnlyList<string> Names => All.Select(t => t.Name).ToList();

    /// <summary>The task called <paramref name="name"/>; an unknown name fails listing the known ones.</summary>
    public static ISyntheticTask Get(string name) =>
        All.FirstOrDefault(t => t.Name == name)
        ?? throw new ArgumentException($"unknown synthetic task '{name}'; known: {string.Join(", ", Names)}", nameof(name));

    /// <summary>Train, validation and test of a synthetic task are disjoint seed streams of the dataset's seed
    /// (the experiments' datasets and the embedded models' training corpus draw from them alike).</summary>
    public static ulong SplitSeed(ulong seed, string split) => split switch
    {
        "train" => seed * 3,
        "validation" => seed * 3 + 1,
        _ => seed * 3 + 2,
    };
}
