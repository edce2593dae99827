using Harness.Torch;

namespace Harness.Models;

/// <summary>What a forward pass reads: token ids [B, T] or input embeddings [B, T, D] (exactly one),
/// an optional attention mask [B, T] (1 = real token, 0 = padding, left or right) and optional
/// position ids [B, T] (default: 0..T-1, as Hugging Face does when none are passed).</summary>
public sealed record ModelInput
{
    /// <summary>Token ids, [B, T] int64.</summary>
    public Tensor? InputIds { get; init; }
    /// <summary>Input embeddings, [B, T, D], used instead of ids (gradient methods).</summary>
    public Tensor? InputsEmbeds { get; init; }
    /// <summary>1 for a real token, 0 for padding, [B, T] (or [B, S + T] with a cache).</summary>
    public Tensor? AttentionMask { get; init; }
    /// <summary>Position of each token, [B, T]; default 0..T-1 after the cached positions.</summary>
    public Tensor? PositionIds { get; init; }

    /// <summary>When set, the inputs are the positions after those the cache holds, and the cache
    /// is extended with them; the attention mask then covers cached and new positions [B, S + T].</summary>
    public KvCache? Cache { get; init; }

    /// <summary>Input from token ids [B, T].</summary>
    public static ModelInput FromIds(Tensor ids, Tensor? attentionMask = null, Tensor? positionIds = null) =>
        new() { InputIds = ids, AttentionMask = attentionMask, PositionIds = positionIds };

    /// <summary>Input from embeddings [B, T, D].</summary>
    public static ModelInput FromEmbeddings(Tensor embeddings, Tensor? attentionMask = null, Tensor? positionIds = null) =>
        new() { InputsEmbeds = embeddings, AttentionMask = attentionMask, PositionIds = positionIds };

    internal (long Batch, long Length) Shape()
    {
        if ((InputIds is null) == (InputsEmbeds is null))
            throw new ArgumentException("a forward pass takes exactly one of input ids and input embeddings");
        var s = (InputIds ?? InputsEmbeds)!.shape;
        return (s[0], s[1]);
    }
}
