namespace Harness.Cli.Tests;

/// <summary>`harness train-tiny` refuses settings it cannot train with before any work starts.</summary>
[TestFixture]
[Fast]
public sealed class TrainTinyCommandTests
{
    [TestCase("--steps", "10", TestName = "Steps not above the warm-up are exit code 2 naming the option")]
    [TestCase("--eval-every", "-5", TestName = "A negative evaluation interval is exit code 2 naming the option")]
    public void A_setting_it_cannot_train_with_is_exit_code_2_naming_the_option(string option, string value)
    {
        var output = Path.Combine(Path.GetTempPath(), "train-tiny-" + Guid.NewGuid().ToString("N"));
        var result = CommandResult.Of("train-tiny", "--out", output, option, value);
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2));
            Assert.That(result.Error, Does.Contain(option));
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
