using System.Text;

namespace Harness.Experiments.Outputs;

/// <summary>
/// Writes a file so that it holds either its old content or the complete new one: the text goes to a
/// temporary file in the same folder (the same filesystem, so the final rename is atomic) that replaces the
/// target only once it is written and closed. A write that fails, or a reader of the target that is also
/// the writer's source, never sees a truncated file (reliability issue, item 1).
/// </summary>
public static class AtomicFile
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Replaces <paramref name="path"/> with <paramref name="text"/> (UTF-8, no BOM) atomically.</summary>
    public static void WriteAllText(string path, string text) => Write(path, writer =>
    {
        writer.Write(text);
        return 0;
    });

    /// <summary>Runs <paramref name="write"/> on a writer of a temporary file beside <paramref name="path"/>
    /// and renames it over the target when it returns; when it throws, the target is untouched and the
    /// temporary file is removed.</summary>
    public static T Write<T>(string path, Func<TextWriter, T> write) => WriteStream(path, stream =>
    {
        using var writer = new StreamWriter(stream, Utf8);
        return write(writer);
    });

    /// <summary>The same for bytes (a Parquet file): <paramref name="write"/> gets the temporary file's stream.</summary>
    public static T WriteStream<T>(string path, Func<Stream, T> write)
    {
        var target = Path.GetFullPath(path);
        // Named here, or the error would name the temporary file the user never asked for.
        if (!Directory.Exists(Path.GetDirectoryName(target)))
            throw new DirectoryNotFoundException($"cannot write {target}: the folder {Path.GetDirectoryName(target)} does not exist");
        var temporary = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            T result;
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write))
                result = write(stream);
            File.Move(temporary, target, overwrite: true);
            return result;
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
