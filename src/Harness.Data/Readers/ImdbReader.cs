using Harness.Data.Examples;

namespace Harness.Data.Readers;

/// <summary>imdb: IMDB reviews in the classification template of <see cref="SentimentPrompt"/>. The
/// review's HTML line breaks ("&lt;br /&gt;") become "\n", so they are not attributed as tokens and
/// the sentence segmenter sees them as boundaries; the text is otherwise the file's, untruncated.</summary>
internal sealed class ImdbReader : IDatasetReader
{
    public const string ReaderName = "imdb";

    public string Name => ReaderName;

    public IReadOnlyList<Example> Read(string path) =>
        JsonlFile.Read(path, row => SentimentPrompt.Build(row, row.String("id"), Review(row.String("text"))));

    /// <summary>The review as it appears in the prompt.</summary>
    public static string Review(string fileText) => fileText.Replace("<br />", "\n", StringComparison.Ordinal);
}
