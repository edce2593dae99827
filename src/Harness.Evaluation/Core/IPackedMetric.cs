namespace Harness.Evaluation.Core;

/// <summary>
/// A metric that evaluates several inputs of one model together, packing their perturbed forward passes across examples so
/// that batches fill the device (issue 27, item 4). A pack of one is <see cref="IMetric.Evaluate"/> itself; a larger pack's
/// results equal it up to floating-point summation order (the rows of different examples share a left-padded pass). The
/// runner evaluates a cell's items in packs of <see cref="EvaluationsPerPack"/>, counted from the cell's first item, so a
/// metric added to a finished cell later meets the same packs.
/// </summary>
public interface IPackedMetric : IMetric
{
    /// <summary>One result per input, in their order; every input is of the same model.</summary>
    /// <exception cref="MetricException">An input cannot be evaluated (the caller may then evaluate the pack's inputs one by one).</exception>
    IReadOnlyList<MetricResult> EvaluateMany(IReadOnlyList<MetricInput> inputs, CancellationToken cancellationToken = default);

    /// <summary>How many inputs one pack should hold so that its perturbed passes reach <paramref name="batchSize"/> sequences.</summary>
    int EvaluationsPerPack(int batchSize);
}
