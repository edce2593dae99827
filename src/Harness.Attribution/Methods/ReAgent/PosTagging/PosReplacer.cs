using Harness.Attribution.Core;
using Harness.Scoring;

namespace Harness.Attribution.Methods;

/// <summary>ReAGent's `pos` replacer (POSTagTokenSampler.sample, postag.py:59-65): a replaced token becomes a uniformly
/// random vocabulary id with the same part-of-speech tag, group[floor(u |group|)] for u ~ U(0, 1) from the row's
/// sampler (one draw per replaced position). Ids outside the tag map's vocabulary (added tokens) are
/// replaced as ReAGent's tensor indexing cannot: by a draw from the whole map.</summary>
public sealed class PosReplacer(IReadOnlyList<long> context, PosTagMap tags) : ITokenReplacer
{
    /// <inheritdoc />
    public IReadOnlyList<long>[] Replace(IReadOnlyList<bool[]> keep, IReadOnlyList<CoalitionSampler> samplers) =>
        keep.Select((k, row) => DrawnReplacement.Apply(context, k, samplers[row], (u, original) => Draw(u, original, tags))).ToArray();

    /// <summary>The id a draw u in [0, 1) picks among the ids tagged like <paramref name="original"/>.</summary>
    public static long Draw(double u, long original, PosTagMap tags)
    {
        if (original < 0 || original >= tags.Tags.Count) return UniformReplacer.Draw(u, tags.Tags.Count);
        var group = tags.Groups[tags.GroupOf[(int)original]];
        return group[Math.Min((int)(u * group.Length), group.Length - 1)];
    }
}
