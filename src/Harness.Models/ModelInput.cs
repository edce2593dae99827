using Harness.Torch;

namespace Harness.Models;

/// <summary>What a forward pass reads: token ids [B, T] or input embeddings [B, T, D] (exactly one),
/// an optional attention mask [B, T] (1 = real token, 0 = padding, left or right) and optional
/// position ids [B, T] (default: 0..T-1, as Hugging Face does when none are passed).</summary>
public sealed record ModelInput
{
    public Tensor? InputIds { get; init; }
    public Tensor? InputsEmbeds { get; init; }
    public Tensor? AttentionMask { get; init; }
    public Tensor? PositionIds { get; init; }

    /// <summary>When set, the inputs are the positions after those the cache holds, and the cache
    /// is extended with them; the attention mask then covers cached and new positions [B, S + T].</summary>
    public KvCache? Cache { get; init; }

    public static ModelInput FromIds(Tensor ids, Tensor? attentionMask = null, Tensor? positionIds = null) =>
        new() { InputIds = ids, AttentionMask = attentionMask, PositionIds = positionIds };

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
