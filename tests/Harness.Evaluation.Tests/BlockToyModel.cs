using Harness.Models;
using Harness.Torch;

namespace Harness.Evaluation.Tests;

/// <summary>
/// A synthetic language model whose next-token distribution is a closed-form function of the kept
/// word-embedding elements: token v's embedding is 1 on its own block of K elements (D = V K) and 0
/// elsewhere; at position t the logit of token v is w_v times n_v(t), the kept fraction of v's block
/// summed over the positions s &lt;= t that the attention mask keeps. Keeping a token whole adds 1 to
/// its n, zeroing it adds 0, and a Bernoulli(q) mask adds its kept fraction, close to q for large K.
/// Position ids change nothing. With a KV cache the cache holds the earlier positions' fractions.
/// </summary>
public sealed class BlockToyModel : ILanguageModel
{
    private readonly Tensor table;   // [V, D]
    private readonly Tensor weights; // [1, 1, V]
    private readonly int blockSize;

    /// <param name="tokenWeights">w_v of each token id; its length is the vocabulary size.</param>
    /// <param name="blockSize">K, elements per token block.</param>
    public BlockToyModel(double[] tokenWeights, int blockSize = 4)
    {
        VocabSize = tokenWeights.Length;
        this.blockSize = blockSize;
        var v = (int)VocabSize;
        var rows = new float[v * v * blockSize];
        for (var token = 0; token < v; token++)
            for (var k = 0; k < blockSize; k++) rows[token * v * blockSize + token * blockSize + k] = 1;
        table = torch.tensor(rows, [v, v * blockSize]).DetachFromDisposeScope();
        weights = torch.tensor(tokenWeights.Select(w => (float)w).ToArray(), [1, 1, v]).DetachFromDisposeScope();
        TokenWeights = tokenWeights;
    }

    public double[] TokenWeights { get; }

    public string ModelType => "block_toy";

    public long VocabSize { get; }

    /// <summary>The embedding table's device (CPU: the fake is built there).</summary>
    public Device Device => table.device;

    /// <summary>The embedding table's dtype (float32).</summary>
    public ScalarType DType => table.dtype;

    public Tensor Embed(Tensor ids) => torch.nn.functional.embedding(ids, table);                  // [B, T, D]

    public KvCache NewCache() => new(1);

    public ModelOutput Forward(ModelInput input, ForwardOptions? options = null)
    {
        var x = input.InputsEmbeds ?? Embed(input.InputIds!);                                      // [B, T, D]
        var (b, t) = (x.size(0), x.size(1));
        var fractions = x.view(b, t, VocabSize, blockSize).mean(3);                                // [B, T, V]
        if (input.Cache is { } cache)
        {
            var (keys, _) = cache.Append(0, fractions.unsqueeze(1), fractions.unsqueeze(1));     // [B, 1, S + T, V]
            fractions = keys.squeeze(1);                                                          // [B, S + T, V]
        }

        if (input.AttentionMask is { } mask) fractions = fractions.mul(mask.to(fractions.dtype).unsqueeze(-1));
        var counts = fractions.cumsum(1);
        var logits = counts.narrow(1, counts.size(1) - t, t).mul(weights);                        // [B, T, V]
        return new ModelOutput(logits, null, null);
    }

    /// <summary>The model's distribution for kept counts n (closed form: softmax of w_v n_v), in double.</summary>
    public double[] Distribution(IReadOnlyList<double> counts)
    {
        var logits = TokenWeights.Select((w, v) => w * counts[v]).ToArray();
        var top = logits.Max();
        var exp = logits.Select(l => Math.Exp(l - top)).ToArray();
        var sum = exp.Sum();
        return exp.Select(e => e / sum).ToArray();
    }

    /// <summary>Kept counts n_v when the tokens of <paramref name="ids"/> are kept with the fractions <paramref name="kept"/>.</summary>
    public double[] Counts(IReadOnlyList<long> ids, IReadOnlyList<double> kept)
    {
        var n = new double[VocabSize];
        for (var i = 0; i < ids.Count; i++) n[ids[i]] += kept[i];
        return n;
    }

    public void Dispose()
    {
        table.Dispose();
        weights.Dispose();
    }
}
