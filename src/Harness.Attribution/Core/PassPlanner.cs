using Harness.Models;
using Harness.Scoring;
using Harness.Torch;

namespace Harness.Attribution.Core;

/// <summary>
/// How many rows (integration path points, GradientSHAP samples) one forward and backward pass of a gradient method
/// takes: as many as a share of the device's free memory holds, at <see cref="ModelDimensions.ActivationBytes"/> per
/// sequence, so that GPT-2-small at 64 tokens runs its 50 path points in one pass on a GPU (issue 27, item 2) instead of
/// request.BatchSize at a time. <see cref="OutOfMemoryBackoff"/> still halves a pass the estimate got wrong. Where
/// the model's sizes or the free memory are unknown, the request's batch size stands.
/// </summary>
public static class PassPlanner
{
    /// <summary>Of a GPU's free memory (after the weights are resident): the caching allocator fragments, and libtorch's
    /// kernels take workspace the estimate does not count.</summary>
    public const double CudaShare = 0.8;

    /// <summary>Of the host's available memory: the CPU allocator does not throw when it runs out, the kernel's
    /// out-of-memory killer ends the process, so half is left to everything else.</summary>
    public const double HostShare = 0.5;

    /// <summary>Rows per pass for <paramref name="rows"/> gradient rows of the run's context and target.</summary>
    public static int GradientRowsPerPass(AttributionRun run, int rows)
    {
        var request = run.Request;
        if (request.Model.Dimensions is not { } dimensions) return request.BatchSize;
        var device = request.Model.Device;
        var budget = request.MemoryBudgetBytes ?? (DeviceMemory.AvailableBytes(device) is { } free ? (long)(free * Share(device.type)) : null);
        if (budget is not { } bytes) return request.BatchSize;
        var m = request.Target.Ids.Count;
        return RowsPerPass(dimensions, request.Model.DType, request.ContextIds.Count + m - 1, m, rows, bytes);
    }

    /// <summary>The most of <paramref name="rows"/> sequences of <paramref name="tokens"/> tokens, the output layer at
    /// <paramref name="outputPositions"/> of them, whose activations fit <paramref name="budgetBytes"/>; at least one.</summary>
    public static int RowsPerPass(ModelDimensions dimensions, ScalarType dtype, int tokens, int outputPositions, int rows, long budgetBytes)
    {
        var perRow = Math.Max(1, dimensions.ActivationBytes(tokens, outputPositions, ElementBytes(dtype)));
        return (int)Math.Clamp(budgetBytes / perRow, 1, Math.Max(1, rows));
    }

    /// <summary>The share of a device's free memory a pass may plan for.</summary>
    public static double Share(DeviceType device) => device == DeviceType.CUDA ? CudaShare : HostShare;

    private static int ElementBytes(ScalarType dtype) => dtype switch
    {
        ScalarType.Float64 => 8,
        ScalarType.Float16 or ScalarType.BFloat16 => 2,
        _ => 4,
    };
}
