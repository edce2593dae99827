using Harness.Cli.Commands;
using Microsoft.Data.Sqlite;

namespace Harness.Cli.Tests;

/// <summary>Failures that reach the command line end as one line and an exit code, never a stack trace.</summary>
[TestFixture]
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
}
