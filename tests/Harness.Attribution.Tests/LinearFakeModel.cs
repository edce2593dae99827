using Harness.Models;
using Harness.Torch;

namespace Harness.Attribution.Tests;

/// <summary>A synthetic "language model" whose logit of <see cref="TargetId"/> at position t is the sum
/// of fixed weights of the token ids at positions &lt;= t that the attention mask keeps (padding and
/// masked tokens add nothing); every other logit is 0. With Objective.Logit and removal the objective
/// is exactly linear in the keep-mask, and so is the logit-probability s - log(V - 1). With a KV cache
/// the cache holds the earlier positions' weights, and the attention mask covers cached and new positions.</summary>
public sealed class LinearFakeModel : ILanguageModel
{
    public const long TargetId = 0;

    private readonly Tensor weights;   // [V, 1]
    private readonly Tensor identity;  // [V, V]
    private readonly Tensor targetRow; // [1, 1, V]

    /// <param name="tokenWeights">Weight of each token id; its length is the vocabulary size.</param>
    public LinearFakeModel(double[] tokenWeights)
    {
        VocabSize = tokenWeights.Length;
        weights = torch.tensor(tokenWeights.Select(w => (float)w).ToArray(), [VocabSize, 1]).DetachFromDisposeScope();
        identity = torch.eye(VocabSize).DetachFromDisposeScope();
        var oneHot = new float[VocabSize];
        oneHot[TargetId] = 1;
        targetRow = torch.tensor(oneHot, [1, 1, VocabSize]).DetachFromDisposeScope();
    }

    public string ModelType => "linear_fake";

    public long VocabSize { get; }

    /// <summary>The embedding table's device (CPU: the fake is built there).</summary>
    public Device Device => identity.device;

    /// <summary>The embedding table's dtype (float32).</summary>
    public ScalarType DType => identity.dtype;

    /// <summary>One-hot rows [B, T, V].</summary>
    public Tensor Embed(Tensor ids) => torch.nn.functional.embedding(ids, identity);

    public KvCache NewCache() => new(1);

    /// <summary>The number of sequences of every forward pass, in order.</summary>
    public List<long> BatchSizes { get; } = [];

    public ModelOutput Forward(ModelInput input, ForwardOptions? options = null)
    {
        var x = input.InputsEmbeds ?? Embed(input.InputIds!);                                         // [B, T, V]
        var (b, t) = (x.size(0), x.size(1));
        BatchSizes.Add(b);
        var perToken = x.matmul(weights).view(b, t);                                                  // [B, T]
        if (input.Cache is { } cache)
        {
            var (keys, _) = cache.Append(0, perToken.view(b, 1, t, 1), perToken.view(b, 1, t, 1));    // [B, 1, S + T, 1]
            perToken = keys.reshape(b, -1);                                                           // [B, S + T]
        }

        if (input.AttentionMask is { } mask) perToken = perToken.mul(mask.to(perToken.dtype));
        var all = perToken.cumsum(1);
        var logits = all.narrow(1, all.size(1) - t, t).unsqueeze(-1).mul(targetRow);                 // [B, T, V]
        return new ModelOutput(logits, null, null);
    }

    public void Dispose()
    {
        weights.Dispose();
        identity.Dispose();
        targetRow.Dispose();
    }
}
