using Harness.Attribution.Core;

namespace Harness.Attribution.Methods;

/// <summary>ReAGent's `uniform` replacer: each replaced token becomes floor(u V) for u ~ U(0, 1), a
/// uniformly random id of the model's whole vocabulary V (Inseq's UniformTokenSampler also leaves out
/// BOS, EOS and UNK, which the harness cannot name without the model's tokenizer).</summary>
public sealed class UniformReplacer(IReadOnlyList<long> context, long vocabSize, CoalitionSampler sampler) : ITokenReplacer
{
    public IReadOnlyList<long>[] Replace(IReadOnlyList<bool[]> keep) => keep.Select(ReplaceOne).ToArray();

    /// <summary>The id a draw u in [0, 1) picks from a vocabulary of <paramref name="vocabSize"/>.</summary>
    public static long Draw(double u, long vocabSize) => Math.Min((long)(u * vocabSize), vocabSize - 1);

    private IReadOnlyList<long> ReplaceOne(bool[] keep)
    {
        if (keep.Length != context.Count) throw new ArgumentException($"a keep-mask of {keep.Length} for a context of {context.Count} tokens");
        var replaced = context.ToArray();
        var positions = Enumerable.Range(0, keep.Length).Where(i => !keep[i]).ToArray();
        if (positions.Length == 0) return replaced;
        var draws = sampler.Uniform(positions.Length);
        for (var k = 0; k < positions.Length; k++) replaced[positions[k]] = Draw(draws[k], vocabSize);
        return replaced;
    }
}
