using System.Diagnostics;

namespace Harness.Reporting.Tests;

/// <summary>A folder made read-only for the test's duration, even to root: `chattr +i` where the filesystem supports
/// it (ext4, as on these machines), else permission bits (effective for other users). The test is inconclusive where
/// neither can make the folder read-only.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ReadOnlyFolder : IDisposable
{
    private readonly string path;
    private readonly bool immutable;

    private ReadOnlyFolder(string path, bool immutable) => (this.path, this.immutable) = (path, immutable);

    public static ReadOnlyFolder Make(string path)
    {
        var immutable = Run("chattr", "+i", path);
        if (!immutable) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        var folder = new ReadOnlyFolder(path, immutable);
        if (CanWrite(path))
        {
            folder.Dispose();
            Assert.Inconclusive($"this machine cannot make {path} read-only (no chattr +i, and the tests run as root)");
        }

        return folder;
    }

    private static bool CanWrite(string path)
    {
        try
        {
            var probe = Path.Combine(path, ".probe");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool Run(string program, params string[] arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true, UseShellExecute = false })!;
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (immutable) Run("chattr", "-i", path);
        else File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
