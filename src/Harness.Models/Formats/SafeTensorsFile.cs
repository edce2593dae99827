using System.IO.MemoryMappedFiles;
using System.Text;
using System.Text.Json;
using Harness.Torch;

namespace Harness.Models.Formats;

/// <summary>
/// A memory-mapped .safetensors file (github.com/huggingface/safetensors, "Format"): an 8-byte
/// little-endian header length N, N bytes of JSON {name: {dtype, shape, data_offsets}}, then the
/// raw little-endian data. Tensors are copied from the mapping straight into libtorch memory, so
/// no managed copy of the weights ever exists.
/// </summary>
public sealed class SafeTensorsFile : IDisposable
{
    // Source: safetensors' own limit on the header size (100 MB).
    private const long MaxHeaderBytes = 100_000_000;

    private readonly MemoryMappedFile mapping;
    private readonly MemoryMappedViewAccessor view;
    private readonly long dataStart;
    private readonly Dictionary<string, SafeTensorsEntry> entries;

    private SafeTensorsFile(string path, MemoryMappedFile mapping, MemoryMappedViewAccessor view, long dataStart,
        Dictionary<string, SafeTensorsEntry> entries, IReadOnlyDictionary<string, string> metadata)
    {
        Path = path;
        this.mapping = mapping;
        this.view = view;
        this.dataStart = dataStart;
        this.entries = entries;
        Metadata = metadata;
    }

    /// <summary>The file's path, for messages.</summary>
    public string Path { get; }

    /// <summary>The header's "__metadata__" strings (empty when absent).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Every tensor's header entry.</summary>
    public IReadOnlyCollection<SafeTensorsEntry> Entries => entries.Values;

    /// <summary>Whether the file holds a tensor called <paramref name="name"/>.</summary>
    public bool Contains(string name) => entries.ContainsKey(name);

    /// <summary>The header entry of tensor <paramref name="name"/>; throws naming the file when there is none.</summary>
    public SafeTensorsEntry Entry(string name) =>
        entries.TryGetValue(name, out var e) ? e : throw new ModelFormatException(Path, $"tensor '{name}' is missing");

    /// <summary>Maps <paramref name="path"/> and reads its header; throws <see cref="ModelFormatException"/> for a malformed one.</summary>
    public static SafeTensorsFile Open(string path)
    {
        // The Hugging Face cache links snapshot files to blobs/: measure the file, not the link.
        var length = ModelFile.EnsureRegular(path);
        if (length < 8) throw new ModelFormatException(path, $"corrupt safetensors header: the file has {length} bytes, fewer than the 8-byte header length");
        var mapping = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        var view = mapping.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
        try
        {
            var headerLength = view.ReadInt64(0);
            if (headerLength <= 0 || headerLength > MaxHeaderBytes || 8 + headerLength > length)
                throw new ModelFormatException(path, $"corrupt safetensors header: header length {headerLength} does not fit a file of {length} bytes");
            var bytes = new byte[headerLength];
            view.ReadArray(8, bytes, 0, bytes.Length);
            var (parsed, metadata) = ParseHeader(path, bytes, length - 8 - headerLength);
            return new SafeTensorsFile(path, mapping, view, 8 + headerLength, parsed, metadata);
        }
        catch
        {
            view.Dispose();
            mapping.Dispose();
            throw;
        }
    }

    /// <summary>Copies one tensor from the mapping straight into libtorch memory, converted to <paramref name="dtype"/>
    /// (its own dtype when null) on <paramref name="device"/>, and read transposed when <paramref name="transposed"/>
    /// (a 2-D [r, c] entry gives [c, r]): one copy in all (torch.from_buffer), no managed or intermediate tensor.</summary>
    public unsafe Tensor Load(string name, ScalarType? dtype = null, Device? device = null, bool transposed = false)
    {
        var e = Entry(name);
        byte* basePointer = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref basePointer);
        try
        {
            // The view may start before the requested offset when the OS aligns it.
            var data = (IntPtr)(basePointer + view.PointerOffset + dataStart + e.Begin);
            return torch.from_buffer(data, e.Shape, e.DType, dtype ?? e.DType, device: device ?? Device.CPU, transposed);
        }
        finally
        {
            view.SafeMemoryMappedViewHandle.ReleasePointer();
        }
    }

    /// <summary>Unmaps the file.</summary>
    public void Dispose()
    {
        view.Dispose();
        mapping.Dispose();
    }

    private static (Dictionary<string, SafeTensorsEntry>, IReadOnlyDictionary<string, string>) ParseHeader(string path, byte[] header, long dataLength)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(Encoding.UTF8.GetString(header).TrimEnd(' ', '\0'));
        }
        catch (JsonException e)
        {
            throw new ModelFormatException(path, $"corrupt safetensors header: invalid JSON ({e.Message})");
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new ModelFormatException(path, "corrupt safetensors header: the header is not a JSON object");
            var result = new Dictionary<string, SafeTensorsEntry>(StringComparer.Ordinal);
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in doc.RootElement.EnumerateObject())
            {
                if (property.Name == "__metadata__")
                {
                    foreach (var m in property.Value.EnumerateObject()) metadata[m.Name] = m.Value.ToString();
                    continue;
                }

                result[property.Name] = ParseEntry(path, property, dataLength);
            }

            return (result, metadata);
        }
    }

    private static SafeTensorsEntry ParseEntry(string path, JsonProperty property, long dataLength)
    {
        string Problem(string what) => $"corrupt safetensors header: tensor '{property.Name}' {what}";
        try
        {
            var v = property.Value;
            var dtypeName = v.GetProperty("dtype").GetString() ?? "";
            var dtype = SafeTensorsDType.Parse(dtypeName) ?? throw new ModelFormatException(path, Problem($"has dtype '{dtypeName}', which the harness does not read ({SafeTensorsDType.Supported})"));
            var shape = v.GetProperty("shape").EnumerateArray().Select(x => x.GetInt64()).ToArray();
            var offsets = v.GetProperty("data_offsets").EnumerateArray().Select(x => x.GetInt64()).ToArray();
            if (offsets.Length != 2 || offsets[0] < 0 || offsets[1] < offsets[0] || offsets[1] > dataLength)
                throw new ModelFormatException(path, Problem($"has data_offsets [{string.Join(", ", offsets)}] outside the {dataLength}-byte data section"));
            var entry = new SafeTensorsEntry(property.Name, dtype, shape, offsets[0], offsets[1]);
            var expectedBytes = entry.ElementCount * Tensor.ElementSize(dtype);
            if (expectedBytes != offsets[1] - offsets[0])
                throw new ModelFormatException(path, Problem($"of shape [{string.Join(", ", shape)}] {dtypeName} needs {expectedBytes} bytes, its offsets span {offsets[1] - offsets[0]}"));
            return entry;
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new ModelFormatException(path, Problem($"is malformed ({e.Message})"));
        }
    }
}
