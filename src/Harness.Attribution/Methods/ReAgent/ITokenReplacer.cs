namespace Harness.Attribution.Methods;

/// <summary>ReAGent's step 2: copies of the request's context with the positions a keep-mask drops
/// filled by proposed tokens. Every replaced position takes exactly one U(0, 1) draw from the
/// method's sampler, row by row and position by position, so the draws (and the scores) follow
/// from the seed alone.</summary>
public interface ITokenReplacer
{
    /// <summary>One context per keep-mask over the context's positions (false: replace it), of the
    /// context's length.</summary>
    IReadOnlyList<long>[] Replace(IReadOnlyList<bool[]> keep);
}
