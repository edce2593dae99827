namespace Harness.Reporting.Tests;

/// <summary>
/// Compares text with a file under Golden/ (copied beside the test binaries). With HARNESS_UPDATE_GOLDEN=1
/// the file in the source tree is rewritten instead and the test ends with a warning (not a pass), so a changed layout is reviewed in
/// the diff before it is committed.
/// </summary>
public static class GoldenFile
{
    public static void AssertMatches(string name, string actual)
    {
        if (Environment.GetEnvironmentVariable("HARNESS_UPDATE_GOLDEN") == "1")
        {
            var source = Path.Combine(SourceFolder(), "Golden", name);
            File.WriteAllText(source, actual);
            Assert.Warn($"updated {source}; review the diff and run again without HARNESS_UPDATE_GOLDEN");
            return;
        }

        var path = Path.Combine(AppContext.BaseDirectory, "Golden", name);
        Assert.That(File.Exists(path), Is.True, $"golden file {name} is missing (HARNESS_UPDATE_GOLDEN=1 writes it)");
        Assert.That(actual, Is.EqualTo(File.ReadAllText(path)), $"{name} differs from its golden file");
    }

    private static string SourceFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Harness.sln"))) return Path.Combine(dir.FullName, "tests", "Harness.Reporting.Tests");
        throw new DirectoryNotFoundException("Harness.sln not found above the test binaries");
    }
}
