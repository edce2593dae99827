using System.Text.RegularExpressions;

namespace Harness.Data.Catalog;

/// <summary>
/// Where named datasets live: HARNESS_DATA, else ~/.cache/harness/datasets; dataset NAME is the file
/// NAME/data.jsonl there, beside its LICENSE and SOURCE.md (`harness fetch dataset NAME` writes all three).
/// An experiment names it with `source: NAME`; `path:` is for files a user brings.
/// </summary>
public static partial class DatasetCache
{
    /// <summary>The environment variable that moves the cache folder.</summary>
    public const string Variable = "HARNESS_DATA";
    /// <summary>The converted dataset's file name inside its folder.</summary>
    public const string FileName = "data.jsonl";

    /// <summary>The cache folder: $HARNESS_DATA as a full path when set, else ~/.cache/harness/datasets.</summary>
    public static string Root =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } root ? Path.GetFullPath(root)
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "harness", "datasets");

    /// <summary>A folder name: letters, digits, '_', '-', '.' (no separators, so a name cannot leave the cache).</summary>
    public static bool IsName(string name) => NamePattern().IsMatch(name);

    /// <summary>The data.jsonl of dataset <paramref name="name"/> under <paramref name="root"/> (default: <see cref="Root"/>).</summary>
    public static string FileOf(string name, string? root = null) => Path.Combine(root ?? Root, name, FileName);

    /// <summary>The one-line reason <paramref name="name"/> cannot be read, and what to do.</summary>
    public static string Missing(string name) => DatasetCatalog.Find(name) is not null
        ? $"dataset '{name}' is not in the dataset cache ({FileOf(name)}): `harness fetch dataset {name}` downloads it ({Variable} sets the cache folder)"
        : $"dataset '{name}' is not in the dataset cache ({FileOf(name)}) and the harness knows no source for it " +
          $"(known: {string.Join(", ", DatasetCatalog.Names)}): put the file there, or give it with `path:`";

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]*$")]
    private static partial Regex NamePattern();
}
