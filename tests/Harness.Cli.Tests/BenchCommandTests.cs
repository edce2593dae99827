namespace Harness.Cli.Tests;

/// <summary>`harness bench` runs the built benchmark suite of a repository and says what is missing
/// when it cannot (the suite itself is not run in tests: it takes minutes).</summary>
[TestFixture]
[Fast]
public sealed class BenchCommandTests
{
    private string folder = null!;

    [SetUp]
    public void CreateFolder() => Directory.CreateDirectory(folder = Path.Combine(Path.GetTempPath(), $"harness-bench-{Guid.NewGuid():N}"));

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    [Test]
    public void A_folder_without_the_solution_is_refused()
    {
        var result = CommandResult.Of("bench", "--root", folder);
        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("holds no Harness.sln"));
    }

    [Test]
    public void An_unbuilt_suite_fails_naming_the_build_command()
    {
        File.WriteAllText(Path.Combine(folder, "Harness.sln"), "");
        var result = CommandResult.Of("bench", "--root", folder, "--", "--filter", "*Metric*");
        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("Harness.Benchmarks.dll is missing").And.Contain("dotnet build bench/Harness.Benchmarks -c Release"));
    }

    [Test]
    public void The_suite_gets_the_arguments_after_the_separator_and_its_exit_code_is_returned()
    {
        // The real suite (built before these tests: the test project references it without its
        // assembly) with --list, which prints the benchmark names and runs none.
        var repository = FindRepository();
        var result = CommandResult.Of("bench", "--root", repository, "--", "--list", "flat", "--filter", "*MetricBenchmarks*");
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        Assert.That(result.Output, Does.Contain("Harness.Benchmarks.MetricBenchmarks.Evaluate"));
    }

    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Harness.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("Harness.sln not found above the test assembly");
    }
}
