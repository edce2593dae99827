using Harness.Models;
using Harness.Torch;

namespace Harness.Training;

/// <summary>
/// Accuracy per task on held-out examples: for the decoder, whether the greedy next token after the
/// prompt is the target; for the masked LM, whether the top token at a &lt;mask&gt; put in the
/// target's place of "&lt;bos&gt; prompt target &lt;eos&gt;" is the target. Batches are right-padded;
/// the decoder reads each prompt's own last position, the masked LM masks the padding.
/// </summary>
internal static class HeldOutAccuracy
{
    private const int BatchSize = 50;

    public static IReadOnlyDictionary<string, double> OfDecoder(ILanguageModel model, TinyCorpus heldOut) =>
        PerTask(heldOut, examples => PredictNext(model, examples));

    public static IReadOnlyDictionary<string, double> OfMaskedLm(IMaskedLanguageModel model, TinyCorpus heldOut) =>
        PerTask(heldOut, examples => PredictMasked(model, examples));

    private static IReadOnlyDictionary<string, double> PerTask(TinyCorpus heldOut, Func<IReadOnlyList<TokenizedExample>, long[]> predict)
    {
        using var noGrad = torch.no_grad();
        var accuracy = new Dictionary<string, double>();
        for (var task = 0; task < TinyCorpus.Tasks.Count; task++)
        {
            var examples = heldOut.ExamplesOf(task);
            var correct = examples.Chunk(BatchSize)
                .Sum(chunk => predict(chunk).Zip(chunk, (p, e) => p == e.TargetId ? 1 : 0).Sum());
            accuracy[TinyCorpus.Tasks[task]] = (double)correct / examples.Count;
        }

        return accuracy;
    }

    private static long[] PredictNext(ILanguageModel model, IReadOnlyList<TokenizedExample> examples)
    {
        using var scope = torch.NewDisposeScope();
        var length = examples.Max(e => e.PromptIds.Count);
        var ids = Padded(examples.Select(e => e.PromptIds).ToList(), length, model.Device); // [B, T]
        var last = torch.tensor(examples.Select(e => (long)e.PromptIds.Count - 1).ToArray(), device: model.Device); // [B]
        var logits = model.Forward(ModelInput.FromIds(ids)).Logits;                 // [B, T, V]
        var atLast = logits.gather(1, last.view(-1, 1, 1).expand(-1, 1, logits.size(2))).squeeze(1); // [B, V]
        return atLast.argmax(-1).ToArray<long>();
    }

    private static long[] PredictMasked(IMaskedLanguageModel model, IReadOnlyList<TokenizedExample> examples)
    {
        using var scope = torch.NewDisposeScope();
        var sequences = examples.Select(e => (IReadOnlyList<int>)[TinyVocabulary.BosId, .. e.PromptIds, TinyVocabulary.MaskId, TinyVocabulary.EosId]).ToList();
        var length = sequences.Max(s => s.Count);
        var ids = Padded(sequences, length, model.Device);                          // [B, T]
        var mask = ids.ne(TinyVocabulary.PadId).to(ScalarType.Int64);               // [B, T]
        var at = torch.tensor(examples.Select(e => (long)e.PromptIds.Count + 1).ToArray(), device: model.Device); // [B]
        var logits = model.Forward(ModelInput.FromIds(ids, mask)).Logits;           // [B, T, V]
        var atMask = logits.gather(1, at.view(-1, 1, 1).expand(-1, 1, logits.size(2))).squeeze(1); // [B, V]
        return atMask.argmax(-1).ToArray<long>();
    }

    private static Tensor Padded(IReadOnlyList<IReadOnlyList<int>> sequences, int length, Device device)
    {
        var ids = new long[sequences.Count * length];
        Array.Fill(ids, TinyVocabulary.PadId);
        for (var b = 0; b < sequences.Count; b++)
            for (var t = 0; t < sequences[b].Count; t++) ids[b * length + t] = sequences[b][t];
        return torch.tensor(ids, [sequences.Count, length], device: device);
    }
}
