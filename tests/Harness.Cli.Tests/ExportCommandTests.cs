using Harness.Experiments.Outputs;
using Harness.Reporting.Tests;

namespace Harness.Cli.Tests;

/// <summary>`harness export` writes its file whole or not at all and never over the run's own store; Parquet writes two.</summary>
[TestFixture]
[Fast]
public sealed class ExportCommandTests
{
    [TestCase("results.sqlite")]
    [TestCase("results.sqlite-wal")]
    public void Export_refuses_a_target_that_is_one_of_the_run_store_files(string file)
    {
        using var folder = new TemporaryFolder();
        var run = FixtureRun.Create(folder.Combine("run"));
        var store = File.ReadAllBytes(Path.Combine(run, "results.sqlite"));

        var result = CommandResult.Of("export", run, "--out", Path.Combine(run, file));

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2));
            Assert.That(result.Error, Does.Contain("the run's own result store"));
            Assert.That(File.ReadAllBytes(Path.Combine(run, "results.sqlite")), Is.EqualTo(store), "the store is untouched");
        });
    }

    /// <summary>README's .NET notebook route: this assembly sees only Harness.Reporting's public surface, as a notebook does.</summary>
    [Test]
    public void A_notebook_loads_a_run_folder_into_DataFrames()
    {
        using var folder = new TemporaryFolder();
        var run = FixtureRun.Create(folder.Combine("run"));

        var values = Harness.Reporting.Export.RunFrames.MetricValues(run);
        var attributions = Harness.Reporting.Export.RunFrames.Attributions(run);
        var scores = Harness.Reporting.Export.RunFrames.Scores(run);

        var perAttribution = FixtureRun.Models.Length * FixtureRun.Attributors.Length * FixtureRun.Examples * FixtureRun.Steps.Length;
        Assert.Multiple(() =>
        {
            Assert.That(values.Columns.Select(c => c.Name), Does.Contain("metric").And.Contain("value"));
            Assert.That(values.Rows.Count, Is.GreaterThan(0));
            Assert.That(attributions.Rows.Count, Is.EqualTo(perAttribution));
            Assert.That(scores.Columns.Select(c => c.Name).TakeLast(3), Is.EqualTo(new[] { "source", "token", "score" }));
        });
    }

    [Test]
    public void Export_replaces_an_earlier_file_whole_and_leaves_no_temporary_file()
    {
        using var folder = new TemporaryFolder();
        var run = FixtureRun.Create(folder.Combine("run"));
        var target = folder.Combine("out.csv");
        File.WriteAllText(target, new string('x', 1_000_000));

        var result = CommandResult.Of("export", run, "--out", target);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
            Assert.That(File.ReadAllText(target), Does.Not.Contain("xxx").And.Contain("lds"));
            Assert.That(Directory.GetFiles(folder.Path), Is.EqualTo(new[] { target }));
        });
    }

    [Test]
    public void Parquet_export_writes_the_metric_file_and_the_attributions_beside_it()
    {
        using var folder = new TemporaryFolder();
        var run = FixtureRun.Create(folder.Combine("run"));
        var target = folder.Combine("quickstart.parquet");

        var result = CommandResult.Of("export", run, "--format", "parquet", "--out", target);

        var attributions = FixtureRun.Models.Length * FixtureRun.Attributors.Length * FixtureRun.Examples * FixtureRun.Steps.Length;
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
            Assert.That(Directory.GetFiles(folder.Path).Select(Path.GetFileName), Is.EquivalentTo(new[] { "quickstart.parquet", "quickstart.attributions.parquet" }));
            Assert.That(File.ReadAllBytes(target)[..4], Is.EqualTo("PAR1"u8.ToArray()), "a Parquet file starts with its magic bytes");
            Assert.That(result.Output, Does.Contain($", {attributions} attributions to {folder.Combine("quickstart.attributions.parquet")}"));
        });
    }

    [Test]
    public void Parquet_export_needs_an_out_file()
    {
        using var folder = new TemporaryFolder();
        var run = FixtureRun.Create(folder.Combine("run"));

        var result = CommandResult.Of("export", run, "--format", "parquet");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2));
            Assert.That(result.Error, Does.Contain("give --out FILE.parquet"));
            Assert.That(result.Output, Is.Empty, "nothing binary on standard output");
        });
    }

    [Test]
    public void A_write_that_fails_leaves_the_earlier_file_as_it_was()
    {
        using var folder = new TemporaryFolder();
        var target = folder.Combine("table.csv");
        File.WriteAllText(target, "the earlier export");

        Assert.Throws<IOException>(() => AtomicFile.Write<int>(target, writer =>
        {
            writer.Write("half a row");
            throw new IOException("disk full");
        }));

        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllText(target), Is.EqualTo("the earlier export"));
            Assert.That(Directory.GetFiles(folder.Path), Is.EqualTo(new[] { target }), "no temporary file is left");
        });
    }

    [Test]
    public void An_out_file_in_a_missing_folder_is_one_line_naming_that_folder()
    {
        using var folder = new TemporaryFolder();
        var run = FixtureRun.Create(folder.Combine("run"));
        var target = folder.Combine("no", "such", "out.csv");

        var result = CommandResult.Of("export", run, "--out", target);

        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.Error.Trim().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(result.Error, Does.Contain($"the folder {folder.Combine("no", "such")} does not exist").And.Not.Contain(".tmp"));
    }

    [Test]
    public void A_corrupt_store_is_one_line_naming_it_exit_2()
    {
        using var folder = new TemporaryFolder();
        var run = folder.Combine("run");
        Directory.CreateDirectory(run);
        File.WriteAllBytes(Path.Combine(run, "results.sqlite"), Enumerable.Range(0, 4096).Select(i => (byte)(i * 37)).ToArray());

        var result = CommandResult.Of("export", run);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2));
            Assert.That(result.Error.Trim().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(result.Error, Does.Contain("results.sqlite cannot be read as a result store"));
        });
    }

    [Test]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void A_store_in_a_folder_the_reader_cannot_write_is_exported()
    {
        // Read-only media for SQLite: it cannot create the store's shared-memory file beside it. As root, a folder is
        // never read-only to us, so the export then runs as the unprivileged user nobody, for whom root's folder is.
        using var folder = new TemporaryFolder();
        var run = FixtureRun.Create(folder.Combine("run"));
        var expected = CommandResult.Of("export", run).Output;
        foreach (var file in Directory.GetFiles(run).Where(f => !f.EndsWith(".sqlite", StringComparison.Ordinal))) File.Delete(file);

        var (code, output, error) = Environment.IsPrivilegedProcess ? ExportAsNobody(run) : ExportFromReadOnlyFolder(run);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(0), error);
            Assert.That(output, Is.EqualTo(expected), "the same rows as from a writable folder");
            Assert.That(Directory.GetFiles(run).Select(Path.GetFileName), Is.EqualTo(new[] { "results.sqlite" }), "nothing was written beside the store");
        });
    }

    private static (int, string, string) ExportAsNobody(string run)
    {
        var start = new System.Diagnostics.ProcessStartInfo("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups",
            "dotnet", typeof(HarnessCommandLine).Assembly.Location, "export", run])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Path.GetTempPath(),
        };
        start.Environment["DOTNET_CLI_HOME"] = Path.GetTempPath();
        start.Environment["HOME"] = Path.GetTempPath();
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error);
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static (int, string, string) ExportFromReadOnlyFolder(string run)
    {
        File.SetUnixFileMode(run, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            var result = CommandResult.Of("export", run);
            return (result.ExitCode, result.Output, result.Error);
        }
        finally
        {
            File.SetUnixFileMode(run, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
