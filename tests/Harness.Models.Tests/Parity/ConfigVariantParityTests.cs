using System.Text.Json;
using Harness.Torch;

namespace Harness.Models.Tests.Parity;

/// <summary>Config settings the shared hf-parity fixtures leave at their defaults, each in a tiny model of
/// Fixtures/ConfigVariants made by transformers 4.45.1 (gen_variants.py there, the shared fixtures' recipe): RoPE
/// scaling (llama3, linear, dynamic past max_position_embeddings, Phi-3's longrope), attention and MLP biases with tied
/// embeddings, a head_dim other than hidden/heads, a tied Qwen2, Mistral without a window, GPT-2's
/// scale_attn_by_inverse_layer_idx, reorder_and_upcast_attn and relu, OPT without biases, with gelu and without its
/// final layer norm. Every position's logits of an 11- and a 40-token input match the reference.</summary>
[TestFixture]
[Fast]
public sealed class ConfigVariantParityTests
{
    private const double LogitTolerance = 1e-5;

    private static readonly string Folder = RepositoryFolder.Combine("tests", "Harness.Models.Tests", "Fixtures", "ConfigVariants");

    public static IEnumerable<TestCaseData> Variants() =>
        Directory.GetDirectories(Folder).Order(StringComparer.Ordinal)
            .SelectMany(d => new[] { "seq_a", "seq_40" }.Select(input => new TestCaseData(Path.GetFileName(d), input)));

    [Test]
    public void Every_variant_transformers_could_build_is_here()
    {
        Assert.That(Directory.GetDirectories(Folder), Has.Length.EqualTo(14), "gen_variants.py writes 14 folders (skipped.json: the two transformers 4.45.1 cannot run)");
    }

    [TestCaseSource(nameof(Variants))]
    public void The_logits_of_every_position_are_transformers(string variant, string input)
    {
        using var expected = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Folder, variant, "expected.json")));
        var sequence = expected.RootElement.GetProperty(input);
        var ids = sequence.GetProperty("input_ids").EnumerateArray().Select(v => v.GetInt64()).ToArray();
        using var model = ModelLoader.Load(Path.Combine(Folder, variant));
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var logits = model.Forward(ModelInput.FromIds(torch.tensor(ids, [1, ids.Length]))).Logits;
        ParityAssert.Close(logits, sequence.GetProperty("logits"), LogitTolerance, $"{variant} {input} logits");
    }
}
