using Harness.Models.Formats;
using Harness.Torch;

namespace Harness.Models.Loading;

/// <summary>
/// Parameters from a Hugging Face checkpoint folder: model.safetensors, or the shards listed in
/// model.safetensors.index.json. Each tensor is checked by name and shape as it is taken and
/// converted to the requested dtype and device; <see cref="EnsureAllUsed"/> then fails on tensors
/// the architecture did not expect, so nothing is skipped silently.
/// </summary>
public sealed class CheckpointWeights : IWeightSource, IDisposable
{
    private readonly Dictionary<string, SafeTensorsFile> fileOf = new(StringComparer.Ordinal);
    private readonly List<SafeTensorsFile> files = [];
    private readonly HashSet<string> used = new(StringComparer.Ordinal);
    private readonly ScalarType? dtype;
    private readonly Device device;

    /// <summary>The .safetensors files of <paramref name="modelDirectory"/> (sharded or not), read as <paramref name="dtype"/>
    /// (default: as stored) onto <paramref name="device"/> (default: the CPU).</summary>
    public CheckpointWeights(string modelDirectory, ScalarType? dtype = null, Device? device = null)
    {
        this.dtype = dtype;
        this.device = device ?? Device.CPU;
        var single = Path.Combine(modelDirectory, "model.safetensors");
        var index = Path.Combine(modelDirectory, "model.safetensors.index.json");
        try
        {
            if (File.Exists(single)) Add(SafeTensorsFile.Open(single));
            else if (File.Exists(index))
                foreach (var shard in ShardIndex.Read(index).Distinct())
                    Add(SafeTensorsFile.Open(Path.Combine(modelDirectory, shard)));
            else
                throw new ModelFormatException(single, "file not found (nor model.safetensors.index.json beside it)");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Every tensor name in the checkpoint.</summary>
    public IEnumerable<string> Names => fileOf.Keys;

    /// <inheritdoc/>
    public bool Has(string name) => fileOf.ContainsKey(name);

    /// <summary>Tensors that are read (checked, counted as used) but replaced by fresh random values: the model
    /// randomisation check's copy (<see cref="TopLayerReinitialisation"/>); null: every tensor as stored.</summary>
    public TopLayerReinitialisation.Weights? Reinitialise { get; set; }

    /// <inheritdoc/>
    public Tensor Take(string name, long[] shape, WeightInit init) => Reinitialised(name, init, Read(name, shape, transposed: false));

    /// <summary>Read transposed straight from the file: no [r, c] copy before the [c, r] one.</summary>
    public Tensor TakeTransposed(string name, long[] shape, WeightInit init)
    {
        if (shape.Length != 2) throw new ArgumentException($"tensor '{name}': a transposed read needs a 2-D shape", nameof(shape));
        return Reinitialised(name, init, Read(name, shape, transposed: true));
    }

    private Tensor Reinitialised(string name, WeightInit init, Tensor read)
    {
        if (Reinitialise is not { } reinitialise || !reinitialise.Covers(name)) return read;
        using (read) return reinitialise.Draw(name, read.shape, init, read.dtype, read.device);
    }

    private Tensor Read(string name, long[] shape, bool transposed)
    {
        if (!fileOf.TryGetValue(name, out var file))
            throw new ModelFormatException(files[0].Path, $"tensor '{name}' of shape [{string.Join(", ", shape)}] is missing");
        var entry = file.Entry(name);
        if (!entry.Shape.SequenceEqual(shape))
            throw new ModelFormatException(file.Path, $"tensor '{name}' has shape [{string.Join(", ", entry.Shape)}], the config implies [{string.Join(", ", shape)}]");
        used.Add(name);
        return file.Load(name, dtype is null || !IsFloating(entry.DType) ? null : dtype, device, transposed);
    }

    /// <summary>Fails naming every tensor of the checkpoint that no module took, except those the
    /// architecture declares as ignorable buffers.</summary>
    public void EnsureAllUsed(Func<string, bool>? ignorable = null)
    {
        var unused = fileOf.Keys.Where(n => !used.Contains(n) && !(ignorable?.Invoke(n) ?? false)).OrderBy(n => n, StringComparer.Ordinal).ToList();
        if (unused.Count > 0)
            throw new ModelFormatException(files[0].Path, $"{unused.Count} tensor(s) the architecture does not use: {string.Join(", ", unused.Take(10))}{(unused.Count > 10 ? ", ..." : "")}");
    }

    /// <summary>Unmaps the files.</summary>
    public void Dispose()
    {
        // CUDA copies were queued asynchronously (SafeTensorsFile.Load): the load is over once they have run.
        if (device.type == DeviceType.CUDA && torch.cuda.is_available()) torch.cuda.synchronize(device.index);
        foreach (var f in files) f.Dispose();
    }

    private void Add(SafeTensorsFile file)
    {
        files.Add(file);
        foreach (var e in file.Entries) fileOf[e.Name] = file;
    }

    private static bool IsFloating(ScalarType t) => t is ScalarType.Float32 or ScalarType.Float16 or ScalarType.BFloat16 or ScalarType.Float64;
}
