using Harness.Data.Catalog;
using Harness.Models;
using Harness.Models.Tokenization;

namespace Harness.Benchmarks;

/// <summary>What benchmarks read besides their random models, from the caches every command uses: GPT-2's
/// tokenizer from the Hugging Face cache (`harness fetch model gpt2`) and the catalog's datasets from the
/// dataset cache (`harness fetch dataset NAME`). A missing one fails naming the fetch command.</summary>
public static class BenchAssets
{
    public static Tokenizer Gpt2Tokenizer() => Tokenizer.FromFile(Path.Combine(ModelLocator.Resolve("gpt2"), "tokenizer.json"));

    public static string Dataset(string name) =>
        File.Exists(DatasetCache.FileOf(name)) ? DatasetCache.FileOf(name) : throw new FileNotFoundException(DatasetCache.Missing(name), DatasetCache.FileOf(name));
}
