using System.Text;
using System.Text.Json.Nodes;
using Harness.Models.Formats;
using Harness.Models.Tests.Parity;

namespace Harness.Models.Tests.Loading;

/// <summary>Bad model folders fail with one clear error naming the file and the problem.</summary>
[TestFixture]
[Fast]
public sealed class ModelLoadingErrorTests
{
    private string folder = null!;

    [SetUp]
    public void CopyTheGpt2Fixture()
    {
        folder = Path.Combine(Path.GetTempPath(), "harness-model-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var source = Path.Combine(SharedFolder.Path, "fixtures", "hf-parity", "gpt2");
        foreach (var name in new[] { "config.json", "model.safetensors" })
            File.Copy(Path.Combine(source, name), Path.Combine(folder, name));
    }

    [TearDown]
    public void Remove() => Directory.Delete(folder, recursive: true);

    [Test]
    public void A_missing_config_names_the_file()
    {
        File.Delete(Path.Combine(folder, "config.json"));
        var e = Assert.Throws<ModelFormatException>(() => ModelLoader.Load(folder))!;
        Assert.That(e.FilePath, Does.EndWith("config.json"));
        Assert.That(e.Problem, Does.Contain("not found"));
    }

    [Test]
    public void A_missing_weight_file_names_the_file()
    {
        File.Delete(Path.Combine(folder, "model.safetensors"));
        var e = Assert.Throws<ModelFormatException>(() => ModelLoader.Load(folder))!;
        Assert.That(e.FilePath, Does.EndWith("model.safetensors"));
        Assert.That(e.Problem, Does.Contain("not found"));
    }

    [Test]
    public void A_config_that_is_a_FIFO_fails_at_once_instead_of_hanging()
    {
        var config = Path.Combine(folder, "config.json");
        File.Delete(config);
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", config)) mkfifo.WaitForExit();

        var e = Assert.Throws<ModelFormatException>(() => ModelLoader.Load(folder))!;

        Assert.That(e.Problem, Does.Contain("a FIFO (named pipe), not a regular file"));
    }

    [Test]
    public void A_config_linked_to_dev_zero_fails_as_a_device_instead_of_filling_memory()
    {
        var config = Path.Combine(folder, "config.json");
        File.Delete(config);
        File.CreateSymbolicLink(config, "/dev/zero");

        var e = Assert.Throws<ModelFormatException>(() => ModelLoader.Load(folder))!;

        Assert.That(e.Problem, Does.Contain("a character device"));
    }

    [Test]
    public void A_weight_file_in_a_symlink_loop_names_the_loop()
    {
        var weights = Path.Combine(folder, "model.safetensors");
        File.Delete(weights);
        File.CreateSymbolicLink(weights, Path.Combine(folder, "loop"));
        File.CreateSymbolicLink(Path.Combine(folder, "loop"), weights);

        var e = Assert.Throws<ModelFormatException>(() => ModelLoader.Load(folder))!;

        Assert.That(e.FilePath, Does.EndWith("model.safetensors"));
        Assert.That(e.Problem, Does.Contain("symbolic link loop"));
    }

    [Test]
    public void An_oversized_config_is_refused_by_size_before_it_is_read()
    {
        using (var config = new FileStream(Path.Combine(folder, "config.json"), FileMode.Create)) config.SetLength(ModelFile.SmallJsonLimit + 1);

        var e = Assert.Throws<ModelFormatException>(() => ModelLoader.Load(folder))!;

        Assert.That(e.Problem, Does.Contain("above the 16 MiB limit"));
    }

    [Test]
    public void A_zero_head_count_names_the_key_instead_of_dividing_by_zero()
    {
        EditConfig(c => c["n_head"] = 0);
        var e = Assert.Throws<ModelFormatException>(() => ModelLoader.Load(folder))!;
        Assert.That(e.Problem, Does.Contain("n_head = 0: a model size must be a positive integer"));
    }

    [Test]
    public void A_config_that_is_not_an_object_says_what_it_found()
    {
        File.WriteAllText(Path.Combine(folder, "config.json"), "[1, 2]");
        var e = Assert.Throws<ModelFormatException>(() => ModelLoader.Load(folder))!;
        Assert.That(e.Problem, Does.Contain("expected a JSON object of settings, found array"));
    }

    [Test]
    public void An_input_longer_than_the_learned_positions_is_refused_before_the_forward_pass()
    {
        using var model = ModelLoader.Load(folder);
        var limit = model.MaxPositions!.Value;
        var ids = Harness.Torch.torch.tensor(Enumerable.Repeat(5L, (int)limit + 1).ToArray(), [1, limit + 1]);

        var e = Assert.Throws<ContextLengthException>(() => model.Forward(ModelInput.FromIds(ids)))!;

        Assert.That(e.Message, Does.Contain($"needs {limit + 1} positions, more than the model's {limit} (config.json n_positions)"));
    }

    [Test]
    public void Generation_past_the_learned_positions_is_refused_as_too_long_not_failed_inside_libtorch()
    {
        // Generation passes position ids (from the attention mask), which the plain length check cannot see.
        using var model = ModelLoader.Load(folder);
        var limit = model.MaxPositions!.Value;
        var prompt = Harness.Torch.torch.tensor(Enumerable.Repeat(5L, (int)limit - 2).ToArray(), [1, limit - 2]);

        var e = Assert.Throws<ContextLengthException>(() => Harness.Models.Generation.GreedyGeneration.Generate(model, prompt, null, 5, [], 0))!;

        Assert.That(e.Message, Does.Contain($"needs {limit + 1} positions, more than the model's {limit}"));
        Assert.That(Harness.Models.Generation.GreedyGeneration.Generate(model, prompt, null, 3, [], 0).size(1), Is.EqualTo(limit + 1),
            "the last generated token is never fed, so 3 new tokens fit");
    }

    [Test]
    public void An_unknown_model_type_lists_the_supported_ones()
    {
        EditConfig(c => c["model_type"] = "mamba");
        var e = Assert.Throws<ModelFormatException>(() => ModelLoader.Load(folder))!;
        Assert.That(e.Problem, Does.Contain("'mamba'").And.Contain("gpt2"));
    }

    [Test]
    public void A_config_whose_sizes_disagree_with_the_weights_names_the_tensor_and_both_shapes()
    {
        EditConfig(c => c["n_embd"] = 48);
        var e = Assert.Throws<ModelFormatException>(() => ModelLoader.Load(folder))!;
        Assert.That(e.Problem, Does.Contain("transformer.wte.weight").And.Contain("[97, 32]").And.Contain("[97, 48]"));
    }

    [Test]
    public void A_missing_tensor_is_named()
    {
        EditConfig(c => c["n_layer"] = 3);
        var e = Assert.Throws<ModelFormatException>(() => ModelLoader.Load(folder))!;
        Assert.That(e.Problem, Does.Contain("transformer.h.2.").And.Contain("missing"));
    }

    [Test]
    public void Tensors_the_architecture_does_not_use_are_named()
    {
        EditConfig(c => c["n_layer"] = 1);
        var e = Assert.Throws<ModelFormatException>(() => ModelLoader.Load(folder))!;
        Assert.That(e.Problem, Does.Contain("does not use").And.Contain("transformer.h.1."));
    }

    [Test]
    public void A_header_length_beyond_the_file_is_a_corrupt_header()
    {
        var path = Path.Combine(folder, "model.safetensors");
        var bytes = File.ReadAllBytes(path);
        BitConverter.GetBytes((long)bytes.Length * 2).CopyTo(bytes, 0);
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<ModelFormatException>(() => ModelLoader.Load(folder))!;
        Assert.That(e.FilePath, Is.EqualTo(path));
        Assert.That(e.Problem, Does.Contain("corrupt safetensors header"));
    }

    [Test]
    public void A_header_that_is_not_json_is_a_corrupt_header()
    {
        var path = Path.Combine(folder, "model.safetensors");
        var bytes = File.ReadAllBytes(path);
        Encoding.ASCII.GetBytes("{not json").CopyTo(bytes, 8);
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<ModelFormatException>(() => ModelLoader.Load(folder))!;
        Assert.That(e.Problem, Does.Contain("corrupt safetensors header").And.Contain("invalid JSON"));
    }

    [Test]
    public void A_model_id_that_is_neither_a_folder_nor_cached_names_the_fetch_command()
    {
        var e = Assert.Throws<DirectoryNotFoundException>(() => ModelLoader.Load("no-such-org/no-such-model"))!;
        Assert.That(e.Message, Does.Contain("models--no-such-org--no-such-model").And.Contain("`harness fetch model no-such-org/no-such-model`"));
    }

    private void EditConfig(Action<JsonObject> edit)
    {
        var path = Path.Combine(folder, "config.json");
        var config = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(config);
        File.WriteAllText(path, config.ToJsonString());
    }
}
