using Harness.Torch;

namespace Harness.Scoring;

/// <summary>
/// Walks <c>count</c> rows in batches, halving the batch and retrying the failed one when the device
/// runs out of memory (attributors issue item 4; spec/attributors.md "automatic back-off"). The body
/// must only publish its results after it succeeds, so a retried batch is never counted twice in
/// the result (the cost meter still counts the attempt: it did run).
/// </summary>
public static class OutOfMemoryBackoff
{
    /// <summary>Runs <paramref name="body"/>(start, size) over [0, count), each call in its own dispose scope.</summary>
    /// <returns>The smallest batch size that was used.</returns>
    public static int ForEachBatch(int count, int batchSize, Action<int, int> body, CancellationToken cancellationToken = default)
    {
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "batch size must be at least 1");
        for (var start = 0; start < count;)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var size = Math.Min(batchSize, count - start);
            try
            {
                using var scope = torch.NewDisposeScope();
                body(start, size);
                start += size;
            }
            catch (TorchException e) when (IsOutOfMemory(e) && size > 1)
            {
                batchSize = Math.Max(1, size / 2);
            }
        }

        return batchSize;
    }

    /// <summary>libtorch's CUDA caching allocator says "CUDA out of memory"; the CPU allocator "can't allocate memory".</summary>
    public static bool IsOutOfMemory(TorchException e) =>
        e.NativeMessage.Contains("out of memory", StringComparison.OrdinalIgnoreCase)
        || e.NativeMessage.Contains("can't allocate memory", StringComparison.OrdinalIgnoreCase);
}
