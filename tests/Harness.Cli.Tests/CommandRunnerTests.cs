using Harness.Cli.Commands;
using Microsoft.Data.Sqlite;

namespace Harness.Cli.Tests;

/// <summary>Failures that reach the command line end as one line and an exit code, never a stack trace.</summary>
[TestFixture]
[Fast]
public sealed class CommandRunnerTests
{
    [Test]
    public void A_full_disk_under_the_store_is_one_line_exit_1_pointing_at_resume()
    {
        var error = new StringWriter();
        var original = Console.Error;
        Console.SetError(error);
        int code;
        try
        {
            code = CommandRunner.Run(() => throw new SqliteException("SQLite Error 13: 'database or disk is full'.", 13));
        }
        finally
        {
            Console.SetError(original);
        }

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1));
            Assert.That(error.ToString().Trim().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(error.ToString(), Does.Contain("disk is full").And.Contain("--resume"));
        });
    }

    [TestCase(false)]
    [TestCase(true)]
    public void An_unforeseen_failure_is_one_line_naming_it_a_bug_and_verbose_adds_the_trace(bool verbose)
    {
        var error = new StringWriter();
        var original = Console.Error;
        Console.SetError(error);
        CommandRunner.Verbose = verbose;
        int code;
        try
        {
            code = CommandRunner.Run(() => throw new KeyNotFoundException("no such key"));
        }
        finally
        {
            Console.SetError(original);
            CommandRunner.Verbose = false;
        }

        var lines = error.ToString().Trim().Split('\n');
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(1));
            Assert.That(lines[0], Is.EqualTo("error: unexpected KeyNotFoundException: no such key (a harness bug: rerun with --verbose and report it)"));
            Assert.That(lines, verbose ? Has.Length.GreaterThan(1) : Has.Length.EqualTo(1));
        });
    }
}
