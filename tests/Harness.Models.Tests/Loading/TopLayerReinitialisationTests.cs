using Harness.Models.Formats;
using Harness.Models.Loading;
using Harness.Torch;
using Harness.Torch.NN;

namespace Harness.Models.Tests.Loading;

/// <summary>The model randomisation check's copy (spec/metrics.md section 8): the top decoder blocks of a checkpoint drawn
/// anew as Hugging Face initialises a model, everything else as trained, on every causal architecture.</summary>
[TestFixture]
[Fast]
public sealed class TopLayerReinitialisationTests
{
    private static readonly string[] Architectures = ["gpt2", "gptj", "llama", "mistral", "opt", "phi3", "qwen2"];

    private static string Fixture(string architecture) => Path.Combine(SharedFolder.Path, "fixtures", "hf-parity", architecture);

    private static Dictionary<string, float[]> Parameters(ILanguageModel model) =>
        ((Module)model).named_parameters().ToDictionary(p => p.Name, p => p.Parameter.to(ScalarType.Float32).ToArray<float>());

    [TestCaseSource(nameof(Architectures))]
    public void The_top_block_is_drawn_anew_and_every_other_tensor_kept(string architecture)
    {
        using var trained = ModelLoader.Load(Fixture(architecture));
        using var copy = ModelLoader.Load(Fixture(architecture), reinitialise: new TopLayerReinitialisation(1, 0));
        var (before, after) = (Parameters(trained), Parameters(copy));
        var top = before.Keys.Select(TopLayerReinitialisation.BlockOf).OfType<int>().Max();

        Assert.Multiple(() =>
        {
            Assert.That(after.Keys, Is.EquivalentTo(before.Keys));
            foreach (var (name, values) in before)
            {
                var redrawn = TopLayerReinitialisation.BlockOf(name) == top;
                if (!redrawn) Assert.That(after[name], Is.EqualTo(values), $"{name} keeps its trained values");
                else if (values.Any(v => v != values[0])) Assert.That(after[name], Is.Not.EqualTo(values), $"{name} is drawn anew");
            }
        });
    }

    [Test]
    public void Biases_are_zero_norm_weights_one_and_weights_have_the_spread_GPT_2_s_init_gives_them()
    {
        using var copy = ModelLoader.Load(Fixture("gpt2"), reinitialise: new TopLayerReinitialisation(1, 0));
        var top = Parameters(copy).Where(p => TopLayerReinitialisation.BlockOf(p.Key) == 1).ToDictionary();
        double Spread(string suffix)
        {
            var weights = top.Where(p => p.Key.EndsWith(suffix, StringComparison.Ordinal)).SelectMany(p => p.Value).ToArray();
            var mean = weights.Average(v => (double)v);
            return Math.Sqrt(weights.Average(v => (v - mean) * (v - mean)));
        }

        Assert.Multiple(() =>
        {
            Assert.That(top.Where(p => p.Key.EndsWith(".bias", StringComparison.Ordinal)).SelectMany(p => p.Value), Is.All.EqualTo(0f));
            Assert.That(top.Where(p => p.Key.Contains(".ln_", StringComparison.Ordinal) && p.Key.EndsWith(".weight", StringComparison.Ordinal)).SelectMany(p => p.Value),
                Is.All.EqualTo(1f));
            Assert.That(Spread("c_attn.weight"), Is.EqualTo(0.2).Within(0.02), "config.json's initializer_range is 0.2");
            Assert.That(Spread("c_proj.weight"), Is.EqualTo(0.2 / Math.Sqrt(2 * 2)).Within(0.01), "GPT-2's residual projections: / sqrt(2 n_layer)");
        });
    }

    [Test]
    public void Without_a_depth_every_block_is_drawn_anew_and_the_embeddings_kept()
    {
        using var trained = ModelLoader.Load(Fixture("llama"));
        using var copy = ModelLoader.Load(Fixture("llama"), reinitialise: new TopLayerReinitialisation(null, 0));
        var (before, after) = (Parameters(trained), Parameters(copy));

        Assert.Multiple(() =>
        {
            foreach (var name in before.Keys.Where(n => TopLayerReinitialisation.BlockOf(n) is not null && n.EndsWith("proj.weight", StringComparison.Ordinal)))
                Assert.That(after[name], Is.Not.EqualTo(before[name]), name);
            var embedding = before.Keys.Single(n => n.Contains("embed_tokens", StringComparison.Ordinal));
            Assert.That(after[embedding], Is.EqualTo(before[embedding]));
        });
    }

    [Test]
    public void The_same_seed_draws_the_same_copy_and_another_seed_another()
    {
        using var first = ModelLoader.Load(Fixture("gpt2"), reinitialise: new TopLayerReinitialisation(2, 5));
        using var again = ModelLoader.Load(Fixture("gpt2"), reinitialise: new TopLayerReinitialisation(2, 5));
        using var other = ModelLoader.Load(Fixture("gpt2"), reinitialise: new TopLayerReinitialisation(2, 6));
        const string name = "transformer.h.0.mlp.c_fc.weight";
        var weights = Parameters(first);

        Assert.Multiple(() =>
        {
            Assert.That(weights.Keys, Does.Contain(name));
            Assert.That(Parameters(again)[name], Is.EqualTo(weights[name]));
            Assert.That(Parameters(other)[name], Is.Not.EqualTo(weights[name]));
        });
    }

    [TestCase(3, "cannot re-initialise the top 3 decoder blocks of a model with 2")]
    [TestCase(0, "cannot re-initialise the top 0 decoder blocks")]
    public void A_depth_the_model_does_not_have_names_its_block_count(int layers, string message)
    {
        var e = Assert.Throws<ModelFormatException>(() => ModelLoader.Load(Fixture("gpt2"), reinitialise: new TopLayerReinitialisation(layers, 0)))!;
        Assert.That(e.Problem, Does.Contain(message));
    }
}
