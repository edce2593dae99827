namespace Harness.TestSupport;

/// <summary>A temporary folder shared by the tests of one test process (fixture models built once, read by many
/// tests), deleted when the process exits so that test runs leave nothing behind in the temporary directory.</summary>
public static class ProcessTemporaryFolder
{
    private static readonly List<string> Created = [];

    static ProcessTemporaryFolder() => AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteAll();

    /// <summary>The folder "<paramref name="name"/>-PID" in the temporary directory, created if missing.</summary>
    public static string Create(string name)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"{name}-{Environment.ProcessId}");
        Directory.CreateDirectory(folder);
        lock (Created)
            if (!Created.Contains(folder)) Created.Add(folder);
        return folder;
    }

    private static void DeleteAll()
    {
        lock (Created)
            foreach (var folder in Created)
            {
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (IOException)
                {
                    // A file still open by a child process: leave it to the temporary directory's cleaner.
                }
                catch (UnauthorizedAccessException)
                {
                }
            }
    }
}
