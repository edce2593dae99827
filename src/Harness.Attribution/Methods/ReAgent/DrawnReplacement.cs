using Harness.Attribution.Core;
using Harness.Scoring;

namespace Harness.Attribution.Methods;

/// <summary>What the uniform and pos replacers share: a copy of the context whose dropped positions each take one U(0, 1)
/// draw, in position order, turned into a token by the replacer's rule (the draw and the original token).</summary>
public static class DrawnReplacement
{
    /// <summary>A copy of <paramref name="context"/> in which each position <paramref name="keep"/> drops takes <paramref name="draw"/>(u, original token) for its own U(0, 1) draw u from <paramref name="sampler"/>, in position order.</summary>
    public static IReadOnlyList<long> Apply(IReadOnlyList<long> context, bool[] keep, CoalitionSampler sampler, Func<double, long, long> draw)
    {
        if (keep.Length != context.Count) throw new ArgumentException($"a keep-mask of {keep.Length} for a context of {context.Count} tokens");
        var replaced = context.ToArray();
        var positions = Enumerable.Range(0, keep.Length).Where(i => !keep[i]).ToArray();
        if (positions.Length == 0) return replaced;
        var draws = sampler.Uniform(positions.Length);
        for (var k = 0; k < positions.Length; k++) replaced[positions[k]] = draw(draws[k], context[positions[k]]);
        return replaced;
    }
}
