using Harness.Data.Examples;

namespace Harness.Data.Readers;

/// <summary>reagent_tellmewhy2: ReAGent's 20 TellMeWhy prompts (a five-sentence narrative and a
/// why-question), sequence-level: the file's `prompt` with no target, the model generates.</summary>
internal sealed class TellMeWhyReader : IDatasetReader
{
    public const string ReaderName = "reagent_tellmewhy2";

    public string Name => ReaderName;

    public IReadOnlyList<Example> Read(string path) => JsonlFile.Read(path, row => new Example(row.String("id"), row.String("prompt")));
}
