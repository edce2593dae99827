using Harness.Models.Formats;
using Harness.Models.Tests.Parity;
using Harness.Torch;

namespace Harness.Models.Tests.Formats;

/// <summary>What SafeTensorsWriter writes, SafeTensorsFile reads back bit for bit, in every dtype,
/// and a written copy of a Hugging Face file is byte-identical to it.</summary>
[TestFixture]
[Fast]
public sealed class SafeTensorsRoundTripTests
{
    private string path = null!;

    [SetUp]
    public void TempFile() => path = Path.Combine(Path.GetTempPath(), $"harness-{Guid.NewGuid():N}.safetensors");

    [TearDown]
    public void Remove() => File.Delete(path);

    [TestCase(ScalarType.Float32)]
    [TestCase(ScalarType.Float16)]
    [TestCase(ScalarType.BFloat16)]
    [TestCase(ScalarType.Float64)]
    [TestCase(ScalarType.Int64)]
    [TestCase(ScalarType.Int32)]
    [TestCase(ScalarType.Bool)]
    public void Every_dtype_round_trips(ScalarType dtype)
    {
        using var scope = torch.NewDisposeScope();
        var original = torch.arange(-6, 6).view(3, 4).to(dtype);
        var scalar = torch.full([], 3, dtype);
        SafeTensorsWriter.Write(path, [("b.matrix", original), ("a.scalar", scalar)]);

        using var file = SafeTensorsFile.Open(path);
        Assert.Multiple(() =>
        {
            Assert.That(file.Entries.Select(e => e.Name), Is.EquivalentTo(new[] { "a.scalar", "b.matrix" }));
            Assert.That(file.Entry("b.matrix").Shape, Is.EqualTo(new long[] { 3, 4 }));
            Assert.That(file.Load("b.matrix").equal(original), $"{dtype} matrix");
            Assert.That(file.Load("a.scalar").equal(scalar), $"{dtype} scalar");
            Assert.That(file.Metadata["format"], Is.EqualTo("pt"));
        });
    }

    [Test]
    public void Rewriting_a_transformers_file_gives_the_same_bytes()
    {
        var original = Path.Combine(SharedFolder.Path, "fixtures", "hf-parity", "gpt2", "model.safetensors");
        using var scope = torch.NewDisposeScope();
        using (var file = SafeTensorsFile.Open(original))
            SafeTensorsWriter.Write(path, file.Entries.Select(e => (e.Name, file.Load(e.Name))).ToList());
        Assert.That(File.ReadAllBytes(path), Is.EqualTo(File.ReadAllBytes(original)));
    }

    [Test]
    public void A_loaded_model_saves_back_to_the_same_file()
    {
        // GPT-2 computes with its Conv1D weights transposed; state_dict puts them back as [in, out].
        var directory = Path.Combine(SharedFolder.Path, "fixtures", "hf-parity", "gpt2");
        using var model = (Harness.Torch.NN.Module)ModelLoader.Load(directory);
        using var scope = torch.NewDisposeScope();
        SafeTensorsWriter.Write(path, model.state_dict().ToList());
        Assert.That(File.ReadAllBytes(path), Is.EqualTo(File.ReadAllBytes(Path.Combine(directory, "model.safetensors"))));
    }

    [Test]
    public void Loading_converts_to_the_requested_dtype()
    {
        using var scope = torch.NewDisposeScope();
        SafeTensorsWriter.Write(path, [("w", torch.tensor(new[] { 1.5f, -2.25f }))]);
        using var file = SafeTensorsFile.Open(path);
        var half = file.Load("w", ScalarType.BFloat16);
        Assert.That(half.dtype, Is.EqualTo(ScalarType.BFloat16));
        Assert.That(half.to(ScalarType.Float32).ToArray<float>(), Is.EqualTo(new[] { 1.5f, -2.25f }));
    }

    [Test]
    public void A_transposed_load_gives_the_contiguous_transpose_converted_in_the_same_copy()
    {
        using var scope = torch.NewDisposeScope();
        var stored = torch.arange(0, 6, device: Device.CPU).to(ScalarType.Float32).view(2, 3);   // [[0, 1, 2], [3, 4, 5]]
        SafeTensorsWriter.Write(path, [("w", stored)]);
        using var file = SafeTensorsFile.Open(path);
        var read = file.Load("w", ScalarType.Float64, transposed: true);
        Assert.That(read.shape, Is.EqualTo(new long[] { 3, 2 }));
        Assert.That(read.dtype, Is.EqualTo(ScalarType.Float64));
        Assert.That(read.is_contiguous(), Is.True);
        Assert.That(read.ToArray<double>(), Is.EqualTo(new double[] { 0, 3, 1, 4, 2, 5 }));
    }

    [Test]
    public void A_loaded_tensor_owns_its_memory_after_the_file_is_closed()
    {
        using var scope = torch.NewDisposeScope();
        SafeTensorsWriter.Write(path, [("w", torch.tensor(new[] { 1.5f, -2.25f }))]);
        Tensor read;
        using (var file = SafeTensorsFile.Open(path)) read = file.Load("w");
        File.Delete(path);
        Assert.That(read.ToArray<float>(), Is.EqualTo(new[] { 1.5f, -2.25f }));
    }
}
