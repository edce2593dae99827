using System.Diagnostics;

namespace Harness.Reporting.Tests;

/// <summary>
/// Debian's chromium, headless, as the issue prescribes (--headless --no-sandbox --disable-gpu
/// --disable-background-networking --no-first-run, a fresh --user-data-dir): loads a file:// page in a window of the
/// given width, lets its scripts run (--virtual-time-budget) and returns the DOM after them and chromium's log
/// (console messages are logged to stderr with --enable-logging=stderr).
/// </summary>
public static class HeadlessChromium
{
    public static (string Dom, string Log) DumpDom(string htmlPath, int width = 1280)
    {
        var executable = Chromium.Executable
                         ?? throw new FileNotFoundException("chromium is not installed: ./run-all.sh setup installs Debian's chromium");
        using var profile = new TemporaryFolder();
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
                     $"--user-data-dir={profile.Path}", "--enable-logging=stderr", "--v=0", "--virtual-time-budget=20000",
                     $"--window-size={width},1000", "--hide-scrollbars", "--dump-dom", new Uri(Path.GetFullPath(htmlPath)).AbsoluteUri,
                 })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var log = process.StandardError.ReadToEndAsync();
        var dom = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("chromium did not finish within 2 minutes");
        }

        return (dom.Result, log.Result);
    }
}
