using System.Security.Cryptography;
using System.Text.Json;
using Harness.Models.Tokenization;

namespace Harness.Models.Tests.Tokenization;

/// <summary>
/// The tokenizer parity fixtures in ../shared/fixtures/tokenizers (tokenizer.json plus the Rust
/// tokenizers library's results in expected.json), located through SharedFolder. A missing or unreadable fixture turns into a failing test, never a skipped one.
/// </summary>
public static class TokenizerFixtures
{
    /// <summary>../shared/fixtures/tokenizers beside the repository root, or null with the reason.</summary>
    public static string? Folder(out string problem)
    {
        var folder = SharedFolder.Combine("fixtures", "tokenizers");
        if (Directory.Exists(folder))
        {
            problem = "";
            return folder;
        }

        problem = $"Tokenizer fixtures not found: {folder} does not exist (../shared must sit beside the repository root).";
        return null;
    }

    /// <summary>Every case of <paramref name="name"/>/expected.json, then of the more awkward strings beside the tests
    /// (Fixtures/TokenizerCases, same oracle and schema), as test cases named "name/id category".</summary>
    public static IEnumerable<TestCaseData> Cases(string name)
        => ReadCases(name).Concat(ReadExtraCases(name)).Select(c => new TestCaseData(c).SetArgDisplayNames(c.ToString()));

    /// <summary>The extra cases' expected.json of <paramref name="name"/> (made by oracle.js beside them).</summary>
    public static string ExtraCases(string name) =>
        RepositoryFolder.Combine("tests", "Harness.Models.Tests", "Fixtures", "TokenizerCases", name, "expected.json");

    /// <summary>Loads <paramref name="name"/>/tokenizer.json, failing the test if it is missing or is not the file the results belong to.</summary>
    public static Tokenizer Load(string name)
    {
        string? folder = Folder(out string problem);
        if (folder is null) Assert.Fail(problem);
        string path = Path.Combine(folder!, name, "tokenizer.json");
        string expectedPath = Path.Combine(folder!, name, "expected.json");
        if (!File.Exists(path)) Assert.Fail($"Tokenizer fixture missing: {path}");
        if (!File.Exists(expectedPath)) Assert.Fail($"Tokenizer fixture results missing: {expectedPath}");
        if (ShaMismatch(path, expectedPath) is { } mismatch) Assert.Fail(mismatch);
        return Tokenizer.FromFile(path);
    }

    private static List<TokenizerCase> ReadCases(string name)
    {
        string? folder = Folder(out string problem);
        if (folder is null) return [TokenizerCase.Unusable(name, problem)];
        return ReadCases(name, Path.Combine(folder, name, "expected.json"));
    }

    /// <summary>The extra cases, unusable when they were made from another tokenizer.json than ../shared's.</summary>
    private static List<TokenizerCase> ReadExtraCases(string name)
    {
        string path = ExtraCases(name);
        string? folder = Folder(out string problem);
        if (folder is null) return [TokenizerCase.Unusable(name, problem)];
        string tokenizer = Path.Combine(folder, name, "tokenizer.json");
        if (File.Exists(path) && File.Exists(tokenizer) && ShaMismatch(tokenizer, path) is { } mismatch) return [TokenizerCase.Unusable(name, mismatch)];
        return ReadCases(name, path);
    }

    /// <summary>Why the results in <paramref name="expectedPath"/> do not belong to <paramref name="tokenizer"/> (the
    /// SHA-256 they record differs), or null when they do.</summary>
    private static string? ShaMismatch(string tokenizer, string expectedPath)
    {
        using var expected = JsonDocument.Parse(File.ReadAllBytes(expectedPath));
        string sha = expected.RootElement.GetProperty("tokenizer_json_sha256").GetString()!;
        string actual = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(tokenizer)));
        return string.Equals(sha, actual, StringComparison.OrdinalIgnoreCase) ? null : $"{tokenizer} has SHA-256 {actual}, but {expectedPath} was produced from {sha}.";
    }

    private static List<TokenizerCase> ReadCases(string name, string path)
    {
        if (!File.Exists(path)) return [TokenizerCase.Unusable(name, $"Tokenizer fixture results missing: {path}")];
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            var cases = root.GetProperty("cases").EnumerateArray().Select(c => ReadCase(name, c)).ToList();
            int declared = root.GetProperty("count").GetInt32();
            if (cases.Count == 0 || cases.Count != declared)
                return [TokenizerCase.Unusable(name, $"{path} declares {declared} cases but holds {cases.Count}.")];
            return cases;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return [TokenizerCase.Unusable(name, $"{path} could not be read: {e.Message}")];
        }
    }

    private static TokenizerCase ReadCase(string name, JsonElement c)
    {
        var decode = c.GetProperty("decode");
        return new TokenizerCase(
            name,
            c.GetProperty("id").GetString()!,
            c.GetProperty("category").GetString()!,
            c.GetProperty("text").GetString()!,
            ReadEncoding(c.GetProperty("add_special_tokens_false")),
            ReadEncoding(c.GetProperty("add_special_tokens_true")),
            new ExpectedDecodes(
                decode.GetProperty("no_special_ids").GetProperty("skip_special_tokens_false").GetString()!,
                decode.GetProperty("no_special_ids").GetProperty("skip_special_tokens_true").GetString()!,
                decode.GetProperty("with_special_ids").GetProperty("skip_special_tokens_false").GetString()!,
                decode.GetProperty("with_special_ids").GetProperty("skip_special_tokens_true").GetString()!));
    }

    private static ExpectedEncoding ReadEncoding(JsonElement e) => new(
        e.GetProperty("ids").EnumerateArray().Select(x => x.GetInt32()).ToArray(),
        e.GetProperty("tokens").EnumerateArray().Select(x => x.GetString()!).ToArray(),
        e.GetProperty("offsets_utf16").EnumerateArray().Select(x => (x[0].GetInt32(), x[1].GetInt32())).ToArray(),
        e.GetProperty("special_tokens_mask").EnumerateArray().Select(x => x.GetInt32()).ToArray());
}
