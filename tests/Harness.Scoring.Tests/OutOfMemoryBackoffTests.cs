using Harness.Scoring;
using Harness.Torch;

namespace Harness.Scoring.Tests;

/// <summary>Batches halve and retry on out-of-memory, every row is visited exactly once after success,
/// and other errors pass through.</summary>
[TestFixture]
[Fast]
public sealed class OutOfMemoryBackoffTests
{
    [Test]
    public void A_batch_that_runs_out_of_memory_is_halved_and_retried_until_it_fits()
    {
        var done = new List<(int Start, int Size)>();
        var smallest = OutOfMemoryBackoff.ForEachBatch(11, 8, (start, size) =>
        {
            if (size > 3) throw new TorchException("matmul", "CUDA out of memory. Tried to allocate 2.00 GiB");
            done.Add((start, size));
        });

        Assert.That(done, Is.EqualTo(new[] { (0, 2), (2, 2), (4, 2), (6, 2), (8, 2), (10, 1) }), "8 -> 4 -> 2, then 2 at a time");
        Assert.That(smallest, Is.EqualTo(2));
    }

    [Test]
    public void Out_of_memory_at_batch_size_one_and_other_errors_are_not_swallowed()
    {
        Assert.That(() => OutOfMemoryBackoff.ForEachBatch(3, 1, (_, _) => throw new TorchException("mm", "CUDA out of memory")),
            Throws.TypeOf<TorchException>());
        Assert.That(() => OutOfMemoryBackoff.ForEachBatch(3, 4, (_, _) => throw new TorchException("mm", "shape mismatch")),
            Throws.TypeOf<TorchException>().With.Message.Contains("shape mismatch"));
    }
}
