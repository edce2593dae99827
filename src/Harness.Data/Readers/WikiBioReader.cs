using Harness.Data.Examples;

namespace Harness.Data.Readers;

/// <summary>
/// wikibio: WikiBio infoboxes (wiki2bio format), sequence-level: the model continues a rendered
/// infobox with the start of the biography. Template, one line per infobox field in file order:
/// <code>
/// title: {title}
/// {field}: {value}
/// ...
/// biography:
/// </code>
/// Values keep the file's lower-cased PTB tokenisation except that the bracket escapes (-lrb-,
/// -rrb-, -lsb-, -rsb-, -lcb-, -rcb-) become brackets, as the file's `target_text_detok` does. No
/// target: the reference sentence is for generation metrics, which <see cref="Example"/> does not
/// carry. Task is the WikiBio split (`orig_split`).
/// </summary>
internal sealed class WikiBioReader : IDatasetReader
{
    public const string ReaderName = "wikibio";

    public string Name => ReaderName;

    public IReadOnlyList<Example> Read(string path) => JsonlFile.Read(path, row =>
    {
        var prompt = new PromptBuilder().Append("title: ").Append(PtbBrackets.Restore(row.String("title"))).Append("\n");
        var fields = row.Items("infobox", "a list of [field, value] pairs");
        for (var i = 0; i < fields.Count; i++)
        {
            var pair = row.ItemsAt(fields[i], $"infobox[{i}]", "a [field, value] pair");
            if (pair.Count != 2) throw row.Error($"infobox[{i}]: expected a [field, value] pair, found {pair.Count} items");
            prompt.Append(row.StringAt(pair[0], $"infobox[{i}][0]")).Append(": ").Append(PtbBrackets.Restore(row.StringAt(pair[1], $"infobox[{i}][1]"))).Append("\n");
        }

        prompt.Append("biography:");
        return new Example(row.String("id"), prompt.ToString()) { Task = row.String("orig_split") };
    });
}
