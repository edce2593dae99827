using Harness.Attribution.Core;
using Harness.Scoring;

namespace Harness.Attribution.Methods;

/// <summary>ReAGent's `uniform` replacer: each replaced token becomes floor(u V) for u ~ U(0, 1), a
/// uniformly random id of the model's whole vocabulary V (Inseq's UniformTokenSampler also leaves out
/// BOS, EOS and UNK, which the harness cannot name without the model's tokenizer).</summary>
public sealed class UniformReplacer(IReadOnlyList<long> context, long vocabSize) : ITokenReplacer
{
    /// <inheritdoc />
    public IReadOnlyList<long>[] Replace(IReadOnlyList<bool[]> keep, IReadOnlyList<CoalitionSampler> samplers) =>
        keep.Select((k, row) => DrawnReplacement.Apply(context, k, samplers[row], (u, _) => Draw(u, vocabSize))).ToArray();

    /// <summary>The id a draw u in [0, 1) picks from a vocabulary of <paramref name="vocabSize"/>.</summary>
    public static long Draw(double u, long vocabSize) => Math.Min((long)(u * vocabSize), vocabSize - 1);
}
