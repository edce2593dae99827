using Harness.Data.Examples;

namespace Harness.Data.Readers;

/// <summary>sst2: GLUE SST-2 dev sentences in the classification template of
/// <see cref="SentimentPrompt"/> (Region = the file's `sentence`, as tokenised and lower-cased there).</summary>
internal sealed class Sst2Reader : IDatasetReader
{
    public const string ReaderName = "sst2";

    public string Name => ReaderName;

    public IReadOnlyList<Example> Read(string path) =>
        JsonlFile.Read(path, row => SentimentPrompt.Build(row, row.String("id"), row.String("sentence")));
}
