namespace Harness.Scoring;

/// <summary>
/// How far one attribution has got through its main loop, reported through <see cref="ScoringRequest.Progress"/>
/// so that a caller can show a progress line with an ETA when one attribution takes thousands of passes (issue 24,
/// item 4): ReAGent's update steps, the path points of integrated gradients, GradientSHAP's samples, the perturbed
/// sequences of the perturbation methods.
/// </summary>
/// <param name="Done">Units finished, 1 to <paramref name="Total"/>, increasing.</param>
/// <param name="Unit">What is counted, plural ("steps", "path points").</param>
/// <param name="TotalIsBound">The loop may end before <paramref name="Total"/> (ReAGent stops when its stopping test
/// holds), so an ETA from it is an upper bound.</param>
public sealed record AttributionProgress(int Done, int Total, string Unit, bool TotalIsBound = false);
