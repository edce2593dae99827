using System.Text.Json;

namespace Harness.Models.Tests.Parity;

/// <summary>One architecture's folder of ../shared/fixtures/hf-parity: the model directory and its
/// expected.json (reference outputs of transformers 4.45.1, float32, CPU).</summary>
public sealed class HfParityFixture : IDisposable
{
    private readonly JsonDocument expected;

    public HfParityFixture(string architecture)
    {
        Directory = Path.Combine(SharedFolder.Path, "fixtures", "hf-parity", architecture);
        var file = Path.Combine(Directory, "expected.json");
        if (!File.Exists(file)) Assert.Fail($"parity fixture missing: {file} (../shared must sit beside the repository)");
        expected = JsonDocument.Parse(File.ReadAllText(file));
    }

    public string Directory { get; }

    public JsonElement Root => expected.RootElement;

    public JsonElement this[string path]
    {
        get
        {
            var e = Root;
            foreach (var part in path.Split('.')) e = e.GetProperty(part);
            return e;
        }
    }

    public static long[] Longs(JsonElement e) => Flatten(e).Select(x => x.GetInt64()).ToArray();

    public static float[] Floats(JsonElement e) => Flatten(e).Select(x => x.GetSingle()).ToArray();

    public static long[] Shape(JsonElement e)
    {
        var shape = new List<long>();
        while (e.ValueKind == JsonValueKind.Array)
        {
            shape.Add(e.GetArrayLength());
            e = e[0];
        }

        return shape.ToArray();
    }

    private static IEnumerable<JsonElement> Flatten(JsonElement e) =>
        e.ValueKind == JsonValueKind.Array ? e.EnumerateArray().SelectMany(Flatten) : [e];

    public void Dispose() => expected.Dispose();
}
