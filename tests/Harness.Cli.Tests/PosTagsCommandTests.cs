using Harness.Attribution.Methods;

namespace Harness.Cli.Tests;

/// <summary>`harness pos-tags`: the tag map of a model's vocabulary, beside the model or at --out; bad input is one line.</summary>
[TestFixture]
[Fast]
public sealed class PosTagsCommandTests
{
    [Test]
    public void The_map_of_the_embedded_model_is_written_with_its_tag_counts()
    {
        using var files = new ExperimentFiles();
        var target = Path.Combine(files.Folder, "tags.json");

        var result = CommandResult.Of("pos-tags", RepositoryFolder.Combine("experiments", "models", "tiny-gpt2"), "--out", target);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        Assert.That(result.Output, Does.StartWith("373 vocabulary entries tagged into").And.Contain(target).And.Contain("NN "));
        var tokenizer = RepositoryFolder.Combine("experiments", "models", "tiny-gpt2", "tokenizer.json");
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(tokenizer)));
        Assert.That(PosTagMap.TryRead(target, sha)?.Tags, Has.Count.EqualTo(373), "a cache reagent reads for this tokenizer");
    }

    [Test]
    public void A_folder_without_a_tokenizer_is_exit_code_2_naming_the_file()
    {
        var result = CommandResult.Of("pos-tags", SharedFolder.Combine("fixtures", "hf-parity", "gpt2"));

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2));
            Assert.That(result.Error.Trim().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(result.Error, Does.Contain("tokenizer.json does not exist"));
        });
    }
}
