using Harness.Attribution.Core;
using Harness.Scoring;

namespace Harness.Attribution.Methods;

/// <summary>ReAGent's step 2: copies of the request's context with the positions a keep-mask drops
/// filled by proposed tokens. Every replaced position takes exactly one U(0, 1) draw from its row's
/// sampler (each chain has its own, <see cref="ReAgent.ChainSeed"/>), position by position, so the draws
/// (and the scores) follow from the seed alone, however the chains are batched.</summary>
public interface ITokenReplacer
{
    /// <summary>One context per keep-mask over the context's positions (false: replace it), of the
    /// context's length; row r draws from <paramref name="samplers"/>[r].</summary>
    IReadOnlyList<long>[] Replace(IReadOnlyList<bool[]> keep, IReadOnlyList<CoalitionSampler> samplers);
}
