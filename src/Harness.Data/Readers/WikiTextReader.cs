using Harness.Data.Examples;

namespace Harness.Data.Readers;

/// <summary>reagent_wikitext: ReAGent's WikiText-103 sentence openings, sequence-level: the file's
/// `prompt` with no target, the model generates.</summary>
internal sealed class WikiTextReader : IDatasetReader
{
    public const string ReaderName = "reagent_wikitext";

    public string Name => ReaderName;

    public IReadOnlyList<Example> Read(string path) => JsonlFile.Read(path, row => new Example(row.String("id"), row.String("prompt")));
}
