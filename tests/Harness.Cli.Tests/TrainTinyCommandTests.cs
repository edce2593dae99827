namespace Harness.Cli.Tests;

/// <summary>`harness train-tiny` refuses settings it cannot train with before any work starts.</summary>
[TestFixture]
public sealed class TrainTinyCommandTests
{
    [Test]
    public void Steps_not_above_the_warm_up_are_exit_code_2_naming_the_option()
    {
        var output = Path.Combine(Path.GetTempPath(), "train-tiny-" + Guid.NewGuid().ToString("N"));
        var result = CommandResult.Of("train-tiny", "--out", output, "--steps", "10");
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2));
            Assert.That(result.Error, Does.Contain("--steps"));
            Assert.That(Directory.Exists(output), Is.False, "nothing is written");
        });
    }

    [Test]
    public void A_negative_evaluation_interval_is_exit_code_2_naming_the_option()
    {
        var output = Path.Combine(Path.GetTempPath(), "train-tiny-" + Guid.NewGuid().ToString("N"));
        var result = CommandResult.Of("train-tiny", "--out", output, "--eval-every", "-5");
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2));
            Assert.That(result.Error, Does.Contain("--eval-every"));
            Assert.That(Directory.Exists(output), Is.False, "nothing is written");
        });
    }

    [Test]
    public void The_command_is_listed_in_the_help()
    {
        var result = CommandResult.Of("--help");
        Assert.That(result.Output, Does.Contain("train-tiny"));
    }
}
