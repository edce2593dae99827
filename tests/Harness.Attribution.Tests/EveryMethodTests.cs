using Harness.Attribution.Core;
using Harness.Models;
using Harness.Scoring;

namespace Harness.Attribution.Tests;

/// <summary>Every registered attributor on every architecture of the models issue (attributors issue
/// item 1), for a token and a span target: one finite score per source, a cost record with passes,
/// and bit-identical scores for the same seed (item 6). Sample counts are cut to keep this fast;
/// the definitions are checked in each method's own tests (reagent runs its uniform replacer here;
/// its masked-LM replacer, which needs text, is covered in MaskedLmReplacerTests).</summary>
[TestFixture]
[Fast]
public sealed class EveryMethodTests
{
    internal static readonly string[] Architectures = ["gpt2", "opt", "gptj", "llama", "mistral", "qwen2", "phi3"];

    /// <summary>Small sample counts per method (the rest run with their defaults).</summary>
    private static readonly Dictionary<string, Dictionary<string, string>> FastOptions = new()
    {
        ["integrated_gradients"] = new() { ["steps"] = "4" },
        ["gradient_shap"] = new() { ["samples"] = "2", ["noise_std_dev"] = "0.1" },
        ["shapley_sampling"] = new() { ["permutations"] = "2" },
        ["kernel_shap"] = new() { ["samples"] = "12" },
        ["lime"] = new() { ["samples"] = "12" },
        ["context_cite"] = new() { ["ablations"] = "12" },
        ["reagent"] = new() { ["replacer"] = "uniform", ["max_steps"] = "3", ["chains"] = "3" },
    };

    private static IEnumerable<TestCaseData> Cases() =>
        from architecture in Architectures
        from entry in AttributorRegistry.Entries
        where entry.Name is not "at2" // it needs a trained estimator: At2Tests trains one per architecture
        select new TestCaseData(architecture, entry.Name).SetName($"{entry.Name} on {architecture}");

    [TestCaseSource(nameof(Cases))]
    public void Runs_on_the_architecture_and_is_deterministic(string architecture, string method)
    {
        using var model = ModelLoader.Load(SharedFolder.Combine("fixtures", "hf-parity", architecture));
        var attributor = AttributorRegistry.Create(method, FastOptions.GetValueOrDefault(method) ?? []);
        foreach (AttributionTarget target in new AttributionTarget[] { new AttributionTarget.Token(42), new AttributionTarget.Span([42, 7]) })
        {
            var request = new AttributionRequest(model, Gpt2Fixture.Context, target) { Region = 1.., Seed = 11, BatchSize = 5 };

            var first = attributor.Attribute(request);
            var second = attributor.Attribute(request);

            Assert.That(first.Scores, Has.Length.EqualTo(Gpt2Fixture.Context.Length - 1), $"{target}");
            Assert.That(first.Scores.All(float.IsFinite), $"{target}: {string.Join(", ", first.Scores)}");
            if (method != "random")
            {
                Assert.That(first.Cost.ForwardPasses, Is.GreaterThan(0), "random alone runs no model");
                Assert.That(first.Cost.TokensProcessed, Is.GreaterThanOrEqualTo(first.Cost.ForwardPasses));
            }
            Assert.That(second.Scores, Is.EqualTo(first.Scores), "same seed, same device: the same scores bit for bit");
        }
    }
}
