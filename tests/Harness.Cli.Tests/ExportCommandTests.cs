using Harness.Experiments.Outputs;
using Harness.Reporting.Tests;

namespace Harness.Cli.Tests;

/// <summary>`harness export` writes its file whole or not at all and never over the run's own store.</summary>
[TestFixture]
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
}
