using System.Text;

namespace Harness.Data.Catalog.Conversions;

/// <summary>Reading published text files as their authors' Python scripts did: UTF-8, lines without their
/// end-of-line characters, no empty last line after a final newline.</summary>
internal static class RawText
{
    public static IReadOnlyList<string> Lines(string path)
    {
        var lines = File.ReadAllText(path, Encoding.UTF8).Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        if (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        return lines;
    }

    /// <summary>A problem in a source file: the source has changed or is not what the catalog pins.</summary>
    public static InvalidDataException Error(string path, int line, string problem) => new($"{path}:{line}: {problem}");
}
