using System.Text.Json.Nodes;

namespace Harness.Data.Catalog;

/// <summary>Turns a dataset's downloaded source files (in <see cref="DatasetSource.Files"/> order) into the
/// rows of its data.jsonl, in the schema its reader reads.</summary>
public delegate IEnumerable<JsonObject> DatasetConversion(IReadOnlyList<string> files);

/// <summary>The licence a dataset comes under: a statement (the data's licence and any caveat) and the
/// licence files its sources publish, copied beside the data.</summary>
public sealed record DatasetLicence(string Statement, IReadOnlyList<SourceFile> Files);

/// <summary>
/// One named dataset: the reader that reads it, the pinned files it is built from, its licence, and the
/// conversion into data.jsonl with the row count that conversion gives. A dataset whose source cannot be
/// pinned has no files and says why in <see cref="Unavailable"/>; it can still be brought with `path:`.
/// </summary>
public sealed record DatasetSource(string Name, string Reader, string Description, IReadOnlyList<SourceFile> Files, DatasetLicence Licence,
    DatasetConversion? Conversion, int Rows)
{
    /// <summary>Why the dataset cannot be fetched (null when it can).</summary>
    public string? Unavailable { get; init; }

    /// <summary>How the fetched set differs from the original or from the test fixtures (docs/datasets.md).</summary>
    public string Notes { get; init; } = "";
}
