using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Harness.Models.Tokenization;

namespace Harness.Benchmarks;

/// <summary>GPT-2 byte-level BPE encoding of 1 MB of real text on one thread (target: >= 5 MB/s).
/// The text is the string fields of the catalog's IMDb reviews, HotpotQA passages and BoolQ (the dataset
/// cache: `harness fetch dataset imdb hotpotqa boolq`), read at run time.</summary>
[WarmupCount(2)]
[IterationCount(10)]
[RunOncePerIteration]
public class TokenizerBenchmarks
{
    private const int Bytes = 1_000_000;
    private Tokenizer tokenizer = null!;
    private string text = null!;

    [GlobalSetup]
    public void Setup()
    {
        tokenizer = BenchAssets.Gpt2Tokenizer();
        var builder = new StringBuilder();
        foreach (var dataset in new[] { "imdb", "hotpotqa", "boolq" })
            foreach (var line in File.ReadLines(BenchAssets.Dataset(dataset)))
            {
                using var doc = JsonDocument.Parse(line);
                AppendStrings(doc.RootElement, builder);
            }

        text = FirstBytes(builder.ToString(), Bytes);
    }

    [Benchmark]
    [Throughput(Bytes / 1e6, "MB")]
    public int EncodeOneMegabyte() => tokenizer.Encode(text, addSpecialTokens: false).Count;

    /// <summary>The longest prefix of whole characters that is exactly or just under <paramref name="bytes"/> in UTF-8.</summary>
    private static string FirstBytes(string s, int bytes)
    {
        var used = 0;
        var i = 0;
        while (i < s.Length)
        {
            var width = char.IsHighSurrogate(s[i]) && i + 1 < s.Length ? 2 : 1;
            var n = System.Text.Encoding.UTF8.GetByteCount(s.AsSpan(i, width));
            if (used + n > bytes) break;
            used += n;
            i += width;
        }

        if (used < bytes * 0.99) throw new InvalidOperationException($"the datasets hold only {used} bytes of text");
        return s[..i];
    }

    private static void AppendStrings(JsonElement e, StringBuilder builder)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.String:
                builder.Append(e.GetString()).Append('\n');
                break;
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject()) AppendStrings(p.Value, builder);
                break;
            case JsonValueKind.Array:
                foreach (var x in e.EnumerateArray()) AppendStrings(x, builder);
                break;
        }
    }
}
