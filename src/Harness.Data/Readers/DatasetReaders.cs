using Harness.Data.Examples;

namespace Harness.Data.Readers;

/// <summary>Every dataset reader by its experiment-YAML name: one explicit, ordered table (no
/// reflection; a test checks each reader appears once and names itself as listed).</summary>
public static class DatasetReaders
{
    /// <summary>The readers, in the order CLI help and errors list them.</summary>
    public static readonly IReadOnlyList<IDatasetReader> All =
    [
        new LongRaReader(),
        new AnnotatedLambadaReader(),
        new TellMeWhyReader(),
        new WikiTextReader(),
        new WikiBioReader(),
        new Sst2Reader(),
        new BoolQReader(),
        new ImdbReader(),
        new HotpotQaReader(),
        new HotpotQaReader(HotpotQaReader.Layout.ContextQuery),
        new HotpotQaReader(HotpotQaReader.Layout.At2Passages),
        new JsonlReader(),
    ];

    /// <summary>The readers' YAML names, in table order.</summary>
    public static IReadOnlyList<string> Names => All.Select(r => r.Name).ToList();

    /// <summary>The reader called <paramref name="name"/>; an unknown name fails listing the known ones.</summary>
    public static IDatasetReader Get(string name) =>
        All.FirstOrDefault(r => r.Name == name)
        ?? throw new ArgumentException($"unknown dataset reader '{name}'; known: {string.Join(", ", Names)}", nameof(name));
}
