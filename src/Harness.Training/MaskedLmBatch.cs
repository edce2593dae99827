using Harness.Data.Synthetic;
using Harness.Torch;

namespace Harness.Training;

/// <summary>
/// A right-padded masked-LM batch of "&lt;bos&gt; prompt target &lt;eos&gt;" sequences: each ordinary
/// token is chosen with probability 0.15 (at least one per sequence); a chosen token becomes
/// &lt;mask&gt; 80% of the time, a random ordinary token 10%, stays 10%, and only chosen positions
/// carry a label. Source: BERT (Devlin et al. 2019, section 3.1) as RoBERTa and transformers'
/// DataCollatorForLanguageModeling (mlm_probability 0.15) apply it.
/// </summary>
internal sealed record MaskedLmBatch(Tensor Ids, Tensor AttentionMask, Tensor Labels, Tensor Weights)
{
    /// <summary>Source: DataCollatorForLanguageModeling's default mlm_probability.</summary>
    public const double MaskProbability = 0.15;

    public static MaskedLmBatch From(IReadOnlyList<TokenizedExample> examples, SplitMix64 random)
    {
        var sequences = examples.Select(e => (IReadOnlyList<int>)[TinyVocabulary.BosId, .. e.Sequence, TinyVocabulary.EosId]).ToList();
        var length = sequences.Max(s => s.Count);
        var ids = new long[sequences.Count * length];
        var attention = new long[sequences.Count * length];
        var labels = new long[sequences.Count * length];
        var weights = new float[sequences.Count * length];
        Array.Fill(ids, TinyVocabulary.PadId);
        var ordinary = TinyVocabulary.Tokens.Count - TinyVocabulary.FirstOrdinaryId;
        for (var b = 0; b < sequences.Count; b++)
        {
            var sequence = sequences[b];
            var chosen = Enumerable.Range(1, sequence.Count - 2).Where(_ => Uniform(random) < MaskProbability).ToList();
            if (chosen.Count == 0) chosen.Add(1 + random.Next(sequence.Count - 2));
            for (var t = 0; t < sequence.Count; t++)
            {
                ids[b * length + t] = sequence[t];
                attention[b * length + t] = 1;
            }

            foreach (var t in chosen)
            {
                var i = b * length + t;
                labels[i] = sequence[t];
                weights[i] = 1;
                var roll = Uniform(random);
                if (roll < 0.8) ids[i] = TinyVocabulary.MaskId;
                else if (roll < 0.9) ids[i] = TinyVocabulary.FirstOrdinaryId + random.Next(ordinary);
            }
        }

        long[] shape = [sequences.Count, length];
        // On the CPU, where the tiny models train (RandomWeights' default device).
        return new MaskedLmBatch(torch.tensor(ids, shape, device: Device.CPU), torch.tensor(attention, shape, device: Device.CPU),
            torch.tensor(labels, shape, device: Device.CPU), torch.tensor(weights, shape, device: Device.CPU));
    }

    /// <summary>A double in [0, 1) from the top 53 bits.</summary>
    private static double Uniform(SplitMix64 random) => (random.NextUInt64() >> 11) * (1.0 / (1UL << 53));
}
