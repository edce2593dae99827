using System.Text.Json;
using Harness.Data.Examples;

namespace Harness.Data.Readers;

/// <summary>Reads a JSONL file (one JSON object per line, UTF-8) into examples: blank lines are
/// skipped but counted, bad JSON or a line that is not an object fails with the file and the 1-based
/// line, and so does an id seen before (every set of the catalog, docs/datasets.md, has unique ids).</summary>
internal static class JsonlFile
{
    /// <param name="path">The file; it is read in place, never copied.</param>
    /// <param name="map">Maps one row to an example; it reports what it finds wrong with <see cref="JsonlRow.Error"/>.</param>
    public static IReadOnlyList<Example> Read(string path, Func<JsonlRow, Example> map)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"dataset file {path} does not exist", path);
        var examples = new List<Example>();
        var firstLineOfId = new Dictionary<string, int>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(line);
            }
            catch (JsonException e)
            {
                throw new DatasetFormatException($"{path}:{lineNumber}: bad JSON, expected one JSON object per line ({e.Message})");
            }

            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                    throw new DatasetFormatException($"{path}:{lineNumber}: expected a JSON object, found {document.RootElement.ValueKind.ToString().ToLowerInvariant()}");
                var row = new JsonlRow(path, lineNumber, document.RootElement);
                var example = map(row);
                if (!firstLineOfId.TryAdd(example.Id, lineNumber))
                    throw row.Error($"id '{example.Id}' was already used on line {firstLineOfId[example.Id]}; expected unique ids");
                examples.Add(example);
            }
        }

        return examples;
    }
}
