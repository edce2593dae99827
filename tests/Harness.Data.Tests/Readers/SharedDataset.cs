using System.Text.Json;

namespace Harness.Data.Tests.Readers;

/// <summary>The data files of ../shared/datasets, read at run time, and their raw rows for checks that
/// compare a reader's examples with the file's own fields.</summary>
internal static class SharedDataset
{
    public static string File(string name)
    {
        var path = SharedFolder.Combine("datasets", name, "data.jsonl");
        Assert.That(path, Does.Exist, $"../shared/datasets/{name} is missing");
        return path;
    }

    public static IReadOnlyList<JsonElement> RawRows(string name) =>
        System.IO.File.ReadLines(File(name)).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
}
