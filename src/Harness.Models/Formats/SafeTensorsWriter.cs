using System.Text;
using System.Text.Json;
using Harness.Torch;

namespace Harness.Models.Formats;

/// <summary>Writes a .safetensors file in the layout <see cref="SafeTensorsFile"/> reads and
/// Hugging Face writes: header with "__metadata__" first, tensors in name order, data without gaps,
/// the header padded with spaces to a multiple of 8.</summary>
public static class SafeTensorsWriter
{
    /// <summary>Writes <paramref name="tensors"/> by name, with the <paramref name="metadata"/> strings, to <paramref name="path"/>.</summary>
    public static void Write(string path, IEnumerable<(string Name, Tensor Tensor)> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var ordered = tensors.OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        var duplicate = ordered.GroupBy(t => t.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"tensor name '{duplicate.Key}' appears twice");

        using var header = new MemoryStream();
        using (var json = new Utf8JsonWriter(header))
        {
            json.WriteStartObject();
            json.WriteStartObject("__metadata__");
            foreach (var (k, v) in metadata ?? new Dictionary<string, string> { ["format"] = "pt" }) json.WriteString(k, v);
            json.WriteEndObject();
            long offset = 0;
            foreach (var (name, t) in ordered)
            {
                var bytes = t.numel() * Tensor.ElementSize(t.dtype);
                json.WriteStartObject(name);
                json.WriteString("dtype", SafeTensorsDType.NameOf(t.dtype));
                json.WriteStartArray("shape");
                foreach (var s in t.shape) json.WriteNumberValue(s);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + bytes);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += bytes;
            }

            json.WriteEndObject();
        }

        var headerBytes = header.ToArray();
        var padding = (8 - headerBytes.Length % 8) % 8;
        using var file = File.Create(path);
        file.Write(BitConverter.GetBytes((long)(headerBytes.Length + padding)));
        file.Write(headerBytes);
        file.Write(Encoding.ASCII.GetBytes(new string(' ', padding)));
        foreach (var (_, t) in ordered) file.Write(t.ToBytes());
    }
}
