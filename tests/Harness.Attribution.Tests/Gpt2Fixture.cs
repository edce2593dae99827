using System.Text.Json;
using Harness.Models;

namespace Harness.Attribution.Tests;

/// <summary>The tiny GPT-2 of ../shared/fixtures/hf-parity/gpt2 and its reference outputs.</summary>
public static class Gpt2Fixture
{
    /// <summary>SEQ_A of the fixture README.</summary>
    public static readonly long[] Context = [5, 17, 42, 88, 23, 61, 9, 74, 33, 50, 12];

    public static string Directory => SharedFolder.Combine("fixtures", "hf-parity", "gpt2");

    public static ILanguageModel Load() => ModelLoader.Load(Directory);

    public static JsonDocument Expected() => JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, "expected.json")));
}
