using Harness.Models;
using Harness.Torch;

namespace Harness.Evaluation.Tests;

/// <summary>A synthetic "language model" whose logits at position t are the sum of fixed vote vectors
/// W[id] of the tokens at positions &lt;= t that the attention mask keeps (padding and masked tokens add
/// nothing, a zeroed one-hot embedding adds nothing): the output distribution is a known function of
/// the kept tokens, so metric values have closed forms. <see cref="Linear"/> votes for one target only
/// (LinearFakeModel of the attribution tests): with V tokens the target's probability given kept
/// tokens of weight sum s is e^s / (e^s + V - 1) and its logit-probability s - log(V - 1), linear in
/// the keep-mask. With a KV cache the cache holds the earlier positions' votes.</summary>
public sealed class BagOfTokensModel : ILanguageModel
{
    private readonly Tensor votes;     // [V, V]
    private readonly Tensor identity;  // [V, V]

    /// <param name="votes">votes[id, v]: what token id adds to the logit of v at its position and after.</param>
    public BagOfTokensModel(double[,] votes)
    {
        VocabSize = votes.GetLength(0);
        if (votes.GetLength(1) != VocabSize) throw new ArgumentException("the vote matrix must be V x V", nameof(votes));
        var flat = new float[VocabSize * VocabSize];
        for (var i = 0; i < VocabSize; i++)
            for (var j = 0; j < VocabSize; j++) flat[i * VocabSize + j] = (float)votes[i, j];
        this.votes = torch.tensor(flat, [VocabSize, VocabSize]).DetachFromDisposeScope();
        identity = torch.eye(VocabSize).DetachFromDisposeScope();
    }

    /// <summary>Token id i adds <paramref name="weights"/>[i] to the logit of <paramref name="targetId"/> only.</summary>
    public static BagOfTokensModel Linear(double[] weights, long targetId = 0)
    {
        var votes = new double[weights.Length, weights.Length];
        for (var i = 0; i < weights.Length; i++) votes[i, targetId] = weights[i];
        return new BagOfTokensModel(votes);
    }

    public string ModelType => "bag_of_tokens";

    public long VocabSize { get; }

    /// <summary>The embedding table's device (CPU: the fake is built there).</summary>
    public Device Device => identity.device;

    /// <summary>The embedding table's dtype (float32).</summary>
    public ScalarType DType => identity.dtype;

    /// <summary>One-hot rows [B, T, V].</summary>
    public Tensor Embed(Tensor ids) => torch.nn.functional.embedding(ids, identity);

    public KvCache NewCache() => new(1);

    public ModelOutput Forward(ModelInput input, ForwardOptions? options = null)
    {
        var x = input.InputsEmbeds ?? Embed(input.InputIds!);                                          // [B, T, V]
        var (b, t, v) = (x.size(0), x.size(1), x.size(2));
        var perToken = x.matmul(votes);                                                                // [B, T, V]
        if (input.Cache is { } cache)
        {
            var (keys, _) = cache.Append(0, perToken.view(b, 1, t, v), perToken.view(b, 1, t, v));     // [B, 1, S + T, V]
            perToken = keys.reshape(b, -1, v);                                                         // [B, S + T, V]
        }

        if (input.AttentionMask is { } mask) perToken = perToken.mul(mask.to(perToken.dtype).unsqueeze(-1));
        var all = perToken.cumsum(1);                                                                  // [B, S + T, V]
        return new ModelOutput(all.narrow(1, all.size(1) - t, t), null, null);
    }

    public void Dispose()
    {
        votes.Dispose();
        identity.Dispose();
    }
}
