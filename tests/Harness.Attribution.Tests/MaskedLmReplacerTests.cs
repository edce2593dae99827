using Harness.Attribution.Core;
using Harness.Attribution.Methods;
using Harness.Models;
using Harness.Scoring;
using Harness.Torch;

namespace Harness.Attribution.Tests;

/// <summary>ReAGent's `mlm` replacer with the tiny RoBERTa and word-level tokenizers whose words
/// are shared by a known permutation of ids (<see cref="MaskedLmFixture"/>).</summary>
[TestFixture]
[Fast]
public sealed class MaskedLmReplacerTests
{
    private ILanguageModel model = null!;

    [OneTimeSetUp]
    public void LoadModel() => model = Gpt2Fixture.Load();

    [OneTimeTearDown]
    public void Release() => model.Dispose();

    private AttributionRequest Request() =>
        new(model, Gpt2Fixture.Context, new AttributionTarget.Token(42)) { ContextText = MaskedLmFixture.TextOf(Gpt2Fixture.Context) };

    private static bool[] KeepAllBut(params int[] positions) =>
        Enumerable.Range(0, Gpt2Fixture.Context.Length).Select(i => !positions.Contains(i)).ToArray();

    [Test]
    public void With_top_1_a_replaced_word_is_the_masked_lm_s_best_guess_mapped_by_its_text()
    {
        using var roberta = MaskedLmFixture.LoadModel();
        var maskedLm = MaskedLmFixture.Resource(roberta);
        using var sampler = new CoalitionSampler(1);
        var replacer = new MaskedLmReplacer(maskedLm, Request(), topK: 1);

        var replaced = replacer.Replace([KeepAllBut(2, 5)], [sampler])[0];

        // By hand: the masked LM's input is the context's words in its own ids, positions 2 and 5 masked.
        var words = MaskedLmFixture.MaskedLmTokenizer();
        var ids = Gpt2Fixture.Context.Select(id => (long)words.TokenToId($"w{id}")!.Value).ToArray();
        ids[2] = ids[5] = 4;
        long[] best;
        using (var scope = torch.NewDisposeScope())
            best = maskedLm.Model.Forward(ModelInput.FromIds(torch.tensor(ids, [1, ids.Length]))).Logits.select(0, 0).argmax(-1).ToArray<long>();
        Assert.Multiple(() =>
        {
            foreach (var position in new[] { 2, 5 })
            {
                if (best[position] >= MaskedLmFixture.SpecialTokens)
                    Assert.That(replaced[position], Is.EqualTo(MaskedLmFixture.ModelTokenOf(best[position])), $"position {position}");
            }

            Assert.That(replacer.Fallbacks, Is.EqualTo(new[] { 2, 5 }.Count(p => best[p] < MaskedLmFixture.SpecialTokens)), "a special-token guess has no word");
            Assert.That(Enumerable.Range(0, replaced.Count).Where(i => i is not (2 or 5)).Select(i => replaced[i]),
                Is.EqualTo(Gpt2Fixture.Context.Where((_, i) => i is not (2 or 5))), "kept positions stay");
            Assert.That(replacer.ForwardPasses, Is.EqualTo(1));
        });
    }

    [Test]
    public void Proposals_are_drawn_among_the_top_k_with_the_masked_lm_s_probabilities()
    {
        using var roberta = MaskedLmFixture.LoadModel();
        var maskedLm = MaskedLmFixture.Resource(roberta);
        using var sampler = new CoalitionSampler(5);
        var replacer = new MaskedLmReplacer(maskedLm, Request(), topK: 3);
        var words = MaskedLmFixture.MaskedLmTokenizer();
        var ids = Gpt2Fixture.Context.Select(id => (long)words.TokenToId($"w{id}")!.Value).ToArray();
        ids[3] = 4;
        long[] top;
        using (var scope = torch.NewDisposeScope())
            top = maskedLm.Model.Forward(ModelInput.FromIds(torch.tensor(ids, [1, ids.Length]))).Logits.select(0, 0).select(0, 3).topk(3).indices.ToArray<long>();
        var allowed = top.Where(j => j >= MaskedLmFixture.SpecialTokens).Select(MaskedLmFixture.ModelTokenOf).ToHashSet();
        Assert.That(allowed, Is.Not.Empty, "precondition: the fixture proposes at least one word at position 3");

        var drawn = replacer.Replace(Enumerable.Range(0, 200).Select(_ => KeepAllBut(3)).ToList(), Enumerable.Repeat(sampler, 200).ToList()).Select(c => c[3]).ToHashSet();

        Assert.That(drawn, Is.SubsetOf(allowed));
        Assert.That(drawn, Has.Count.EqualTo(allowed.Count), "200 draws reach every proposal the masked LM gives a fair share");
    }

    [Test]
    public void Proposals_no_model_token_spells_fall_back_to_uniform_draws()
    {
        // The model's words are "z0".."z96": no masked-LM word maps to one of them.
        using var roberta = MaskedLmFixture.LoadModel();
        var maskedLm = MaskedLmFixture.Resource(roberta, modelWordPrefix: "z");
        using var sampler = new CoalitionSampler(3);
        var replacer = new MaskedLmReplacer(maskedLm, Request(), topK: 5);

        var replaced = replacer.Replace([KeepAllBut(1, 4, 9)], [sampler])[0];

        using var same = new CoalitionSampler(3);
        var draws = same.Uniform(3);
        Assert.That(new[] { replaced[1], replaced[4], replaced[9] }, Is.EqualTo(draws.Select(u => UniformReplacer.Draw(u, 97))));
        Assert.That(replacer.Fallbacks, Is.EqualTo(3));
    }

    [Test]
    public void Reagent_with_the_masked_lm_counts_one_masked_lm_sequence_per_probe_and_is_deterministic()
    {
        using var roberta = MaskedLmFixture.LoadModel();
        var maskedLm = MaskedLmFixture.Resource(roberta);
        // Every source replaced in every update and in every stopping test: each probe of a running chain runs the masked LM.
        var reagent = new ReAgent(new ReAgentOptions { Replacer = ReAgentReplacer.Mlm, MaxSteps = 4, Chains = 3, ReplaceRatio = 1, KeepTopN = 0, MlmTopK = 4 }, maskedLm);
        foreach (AttributionTarget target in new AttributionTarget[] { new AttributionTarget.Token(42), new AttributionTarget.Span([42, 7]) })
        {
            var request = Request() with { Target = target, Seed = 6, BatchSize = 2 };

            var first = reagent.Attribute(request);
            var chainSteps = first.Diagnostics["steps_mean"] * 3;

            Assert.Multiple(() =>
            {
                Assert.That(first.Diagnostics["masked_lm_forward_passes"], Is.EqualTo(2 * chainSteps + first.Diagnostics["discarded_updates"]),
                    $"{target}: an update and a test per step, and the updates that ran beside the test that stopped their chain");
                Assert.That(first.Scores.All(float.IsFinite) && first.Scores.Length == Gpt2Fixture.Context.Length, $"{target}");
                Assert.That(reagent.Attribute(request).Scores, Is.EqualTo(first.Scores), $"{target}: same seed, same scores bit for bit");
            });
        }
    }
}
