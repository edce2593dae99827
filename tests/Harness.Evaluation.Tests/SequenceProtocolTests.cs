using Harness.Evaluation.Protocols;
using Harness.Models;
using Harness.Torch;

namespace Harness.Evaluation.Tests;

/// <summary>The sequence-level protocol (spec/metrics.md section 1): greedy continuation, every
/// stride-th position attributed over the whole prefix, averaged per prompt.</summary>
[TestFixture]
[Fast]
public sealed class SequenceProtocolTests
{
    [Test]
    public void Steps_take_every_stride_th_generated_token_with_its_whole_prefix()
    {
        var steps = SequenceProtocol.Steps([1, 2], [10, 11, 12, 13, 14], stride: 2);

        Assert.That(steps.Select(s => s.GeneratedIndex), Is.EqualTo(new[] { 0, 2, 4 }));
        Assert.That(steps.Select(s => s.TargetId), Is.EqualTo(new long[] { 10, 12, 14 }));
        Assert.That(steps[1].ContextIds, Is.EqualTo(new long[] { 1, 2, 10, 11 }));
        Assert.That(SequenceProtocol.Steps([1], [7, 8, 9], stride: 1).Count, Is.EqualTo(3));
    }

    [Test]
    public void Generation_is_the_models_greedy_continuation()
    {
        using var model = ModelLoader.Load(SharedFolder.Combine("fixtures", "hf-parity", "gpt2"));
        long[] prompt = [5, 17, 42];

        var generated = SequenceProtocol.Generate(model, prompt, maxNewTokens: 4);

        Assert.That(generated, Has.Count.EqualTo(4));
        // Each generated token is the argmax after the prefix before it.
        for (var j = 0; j < generated.Count; j++)
        {
            using var scope = torch.NewDisposeScope();
            var prefix = prompt.Concat(generated.Take(j)).ToArray();
            var logits = model.Forward(ModelInput.FromIds(torch.tensor(prefix, [1, prefix.Length]))).Logits;
            Assert.That(logits.select(1, -1).argmax(-1).ToArray<long>()[0], Is.EqualTo(generated[j]), $"step {j}");
        }
    }

    [Test]
    public void Generation_stops_before_eos()
    {
        using var model = ModelLoader.Load(SharedFolder.Combine("fixtures", "hf-parity", "gpt2"));
        var free = SequenceProtocol.Generate(model, [5, 17, 42], maxNewTokens: 4);

        var cut = SequenceProtocol.Generate(model, [5, 17, 42], maxNewTokens: 4, eosTokenId: free[2]);

        Assert.That(cut, Is.EqualTo(free.Take(free.ToList().IndexOf(free[2])).ToArray()));
    }

    [Test]
    public void Generation_stops_at_any_of_the_configured_end_tokens()
    {
        // Instruct models list several (Llama-3.1: <|end_of_text|>, <|eom_id|>, <|eot_id|>); the turn ends at the first met.
        using var model = ModelLoader.Load(SharedFolder.Combine("fixtures", "hf-parity", "gpt2"));
        var free = SequenceProtocol.Generate(model, [5, 17, 42], maxNewTokens: 4);
        var unused = Enumerable.Range(0, 97).Select(i => (long)i).First(i => !free.Contains(i));

        var cut = SequenceProtocol.Generate(model, [5, 17, 42], 4, [unused, free[1]]);

        Assert.That(cut, Is.EqualTo(free.Take(free.ToList().IndexOf(free[1])).ToArray()));
    }

    [Test]
    public void A_prompt_mean_leaves_out_flagged_positions_and_is_nan_when_none_is_left()
    {
        Assert.That(SequenceProtocol.PromptMean([0.2, double.NaN, 0.4]), Is.EqualTo(0.3).Within(1e-12));
        Assert.That(double.IsNaN(SequenceProtocol.PromptMean([double.NaN])));
    }
}
