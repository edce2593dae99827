using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Harness.Cli.Tests;

/// <summary>
/// The project stands alone: models and datasets come from `harness fetch`, definitions and design from
/// docs/. Only tests and CI read ../shared (the test fixtures), so no tracked file outside tests/ and .ci/
/// mentions it, except a line that says it is test set-up with "tests only" (run-all.sh's GPU test bundle).
/// </summary>
[TestFixture]
[Fast]
public sealed partial class StandAloneTests
{
    [Test]
    public void No_file_outside_tests_and_CI_refers_to_the_shared_folder()
    {
        var offending = TrackedFiles()
            .Where(f => !f.StartsWith("tests/", StringComparison.Ordinal) && !f.StartsWith(".ci/", StringComparison.Ordinal))
            .SelectMany(f => Lines(f).Select((line, i) => (File: f, Line: i + 1, Text: line)))
            .Where(l => SharedReference().IsMatch(l.Text) && !l.Text.Contains("tests only", StringComparison.Ordinal))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.That(offending, Is.Empty, "these refer to ../shared; read models and datasets through the caches (`harness fetch`) and cite docs/ instead");
    }

    [Test]
    public void The_README_links_the_definitions_and_the_design_inside_the_project()
    {
        var readme = File.ReadAllText(RepositoryFolder.Combine("README.md"));

        foreach (var doc in new[] { "docs/design.md", "docs/spec/metrics.md", "docs/spec/attributors.md", "docs/datasets.md" })
        {
            Assert.That(readme, Does.Contain(doc));
            Assert.That(RepositoryFolder.Combine(doc.Split('/')), Does.Exist);
        }
    }

    /// <summary>../shared, or a folder of it named without the dots.</summary>
    [GeneratedRegex(@"\.\./shared\b|\bshared/(datasets|fixtures|spec|tools|hooks|DESIGN\.md|STYLE\.md)")]
    private static partial Regex SharedReference();

    /// <summary>The repository's tracked files (git ls-files); without git, every file but build output.</summary>
    private static IEnumerable<string> TrackedFiles()
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", ["-C", RepositoryFolder.Path, "ls-files", "-z"]) { UseShellExecute = false, RedirectStandardOutput = true })!;
            var output = git.StandardOutput.ReadToEnd();
            git.WaitForExit();
            if (git.ExitCode == 0) return output.Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No git: walk the folder instead.
        }

        string[] skipped = ["bin", "obj", ".git", "node_modules", "runs", ".publish"];
        return Directory.EnumerateFiles(RepositoryFolder.Path, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(RepositoryFolder.Path, f).Replace('\\', '/'))
            .Where(f => !f.Split('/').Any(skipped.Contains));
    }

    /// <summary>A text file's lines; binary files (weights, stores, images) have none.</summary>
    private static IEnumerable<string> Lines(string file)
    {
        var path = RepositoryFolder.Combine(file.Split('/'));
        if (!File.Exists(path)) return [];
        var bytes = File.ReadAllBytes(path);
        return bytes.AsSpan(0, Math.Min(bytes.Length, 8000)).Contains((byte)0) ? [] : System.Text.Encoding.UTF8.GetString(bytes).Split('\n');
    }
}
