using System.Text.Json;
using Harness.Models.Formats;
using Harness.Models.Tests.Parity;
using Harness.Torch;
using Harness.Torch.NN;

namespace Harness.Models.Tests.Loading;

/// <summary>A model is found by folder or by its id in the local Hugging Face cache, its weights
/// may be sharded and are loaded into the requested dtype, and generation_config.json is read.</summary>
[TestFixture]
[NonParallelizable]
[Fast]
public sealed class ModelLocationTests
{
    private static readonly long[] Ids = [5, 17, 42, 88, 23];
    private string fixture = null!;
    private string temp = null!;

    [SetUp]
    public void Folders()
    {
        fixture = Path.Combine(SharedFolder.Path, "fixtures", "hf-parity", "gpt2");
        temp = Path.Combine(Path.GetTempPath(), "harness-location-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(temp);
    }

    [TearDown]
    public void Remove() => Directory.Delete(temp, recursive: true);

    [Test]
    public void Sharded_weights_listed_in_the_index_load_like_the_single_file()
    {
        using var scope = torch.NewDisposeScope();
        File.Copy(Path.Combine(fixture, "config.json"), Path.Combine(temp, "config.json"));
        var weightMap = new Dictionary<string, string>();
        using (var file = SafeTensorsFile.Open(Path.Combine(fixture, "model.safetensors")))
        {
            var names = file.Entries.Select(e => e.Name).OrderBy(n => n, StringComparer.Ordinal).ToList();
            var halves = new[] { names.Take(names.Count / 2).ToList(), names.Skip(names.Count / 2).ToList() };
            for (var i = 0; i < 2; i++)
            {
                var shard = $"model-0000{i + 1}-of-00002.safetensors";
                SafeTensorsWriter.Write(Path.Combine(temp, shard), halves[i].Select(n => (n, file.Load(n))).ToList());
                foreach (var n in halves[i]) weightMap[n] = shard;
            }
        }

        File.WriteAllText(Path.Combine(temp, "model.safetensors.index.json"), JsonSerializer.Serialize(new { metadata = new { }, weight_map = weightMap }));

        Assert.That(Logits(temp).equal(Logits(fixture)), "sharded and single-file checkpoints give the same logits");
    }

    [Test]
    public void A_model_id_resolves_to_the_snapshot_refs_main_names_in_the_cache()
    {
        using var scope = torch.NewDisposeScope();
        var snapshot = Path.Combine(temp, "hub", "models--test-org--tiny-gpt2", "snapshots", "0123abc");
        Directory.CreateDirectory(snapshot);
        Directory.CreateDirectory(Path.Combine(temp, "hub", "models--test-org--tiny-gpt2", "refs"));
        File.WriteAllText(Path.Combine(temp, "hub", "models--test-org--tiny-gpt2", "refs", "main"), "0123abc");
        foreach (var name in new[] { "config.json", "model.safetensors" })
            File.CreateSymbolicLink(Path.Combine(snapshot, name), Path.Combine(fixture, name)); // the cache links into blobs/

        var previous = (Environment.GetEnvironmentVariable("HF_HOME"), Environment.GetEnvironmentVariable("HF_HUB_CACHE"));
        Environment.SetEnvironmentVariable("HF_HOME", temp);
        Environment.SetEnvironmentVariable("HF_HUB_CACHE", null);
        try
        {
            Assert.That(ModelLocator.Resolve("test-org/tiny-gpt2"), Is.EqualTo(snapshot));
            Assert.That(Logits("test-org/tiny-gpt2").equal(Logits(fixture)));
        }
        finally
        {
            Environment.SetEnvironmentVariable("HF_HOME", previous.Item1);
            Environment.SetEnvironmentVariable("HF_HUB_CACHE", previous.Item2);
        }
    }

    [Test]
    public void Float32_weights_load_as_float64_and_give_the_reference_logits()
    {
        using var scope = torch.NewDisposeScope();
        using var model = ModelLoader.Load(fixture, ScalarType.Float64);
        Assert.That(((Module)model).parameters().Select(p => p.dtype), Is.All.EqualTo(ScalarType.Float64));
        Assert.That((model.Device, model.DType), Is.EqualTo((Device.CPU, ScalarType.Float64)), "what the model reports is what it was loaded with");
        using var expected = new HfParityFixture("gpt2");
        var ids = HfParityFixture.Longs(expected["seq_a.input_ids"]);
        var logits = model.Forward(ModelInput.FromIds(torch.tensor(ids, [1, ids.Length]))).Logits;
        Assert.That(logits.dtype, Is.EqualTo(ScalarType.Float64));
        ParityAssert.Close(logits, expected["seq_a.logits"], 1e-5, "float64 logits");
    }

    // float16 is for CUDA: libtorch 1.13 has no CPU float16 kernels for layer_norm or addmm.
    [TestCase(ScalarType.BFloat16)]
    public void Half_precision_loading_keeps_the_dtype_through_the_forward_pass(ScalarType dtype)
    {
        using var scope = torch.NewDisposeScope();
        using var model = ModelLoader.Load(fixture, dtype);
        Assert.That(model.DType, Is.EqualTo(dtype));
        var logits = model.Forward(ModelInput.FromIds(torch.tensor(Ids, [1, Ids.Length]))).Logits;
        Assert.That(logits.dtype, Is.EqualTo(dtype));
        Assert.That(logits.isfinite().all().item<bool>());
        var reference = Logits(fixture);
        Assert.That(logits.to(ScalarType.Float32).sub(reference).abs().max().ToDouble(), Is.LessThan(0.1), "close to float32 at half precision");
    }

    [Test]
    public void The_configs_eos_id_is_its_first_and_none_when_absent_or_no_token_id()
    {
        long? Eos(string json)
        {
            File.WriteAllText(Path.Combine(temp, "config.json"), json);
            return GenerationConfig.ConfigEosTokenId(temp);
        }

        Assert.Multiple(() =>
        {
            Assert.That(Eos("""{"eos_token_id": 50256}"""), Is.EqualTo(50256));
            Assert.That(Eos("""{"eos_token_id": [128001, 128009]}"""), Is.EqualTo(128001), "Inseq takes the first of a list");
            Assert.That(Eos("""{"model_type": "gpt2"}"""), Is.Null);
            Assert.That(Eos("""{"eos_token_id": [null]}"""), Is.Null, "a malformed id does not stop the model from loading");
            Assert.That(Eos("""{"eos_token_id": "2"}"""), Is.Null);
        });
    }

    [Test]
    public void Generation_config_gives_the_special_ids()
    {
        var config = GenerationConfig.Read(fixture)!;
        Assert.Multiple(() =>
        {
            Assert.That(config.BosTokenId, Is.EqualTo(0));
            Assert.That(config.EosTokenIds, Is.EqualTo(new long[] { 0 }));
            Assert.That(config.PadTokenId, Is.Null);
            Assert.That(GenerationConfig.Read(temp), Is.Null, "a folder without the file has no generation config");
        });
        File.WriteAllText(Path.Combine(temp, "generation_config.json"), """{"bos_token_id": 1, "eos_token_id": [2, 7], "pad_token_id": 0, "do_sample": true}""");
        var list = GenerationConfig.Read(temp)!;
        Assert.That(list.EosTokenIds, Is.EqualTo(new long[] { 2, 7 }));
        Assert.That(list.DoSample, Is.True);
    }

    private static Tensor Logits(string model)
    {
        using var loaded = ModelLoader.Load(model);
        return loaded.Forward(ModelInput.FromIds(torch.tensor(Ids, [1, Ids.Length]))).Logits;
    }
}
