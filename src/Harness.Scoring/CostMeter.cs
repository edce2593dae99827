using System.Diagnostics;
using System.Globalization;
using Harness.Torch;

namespace Harness.Scoring;

/// <summary>Counts what an attribution spends while it runs: wall time, sequences run forward and
/// backward, tokens, and peak memory above where it started. On the CPU the peak is the process's
/// resident memory (VmHWM after a reset). On CUDA the clock is read after synchronising the device
/// (kernels run asynchronously, so an unsynchronised clock times the launches, not the work), and the
/// peak is the caching allocator's max_memory_allocated, reset at the start, minus what was allocated
/// then (the model's weights), so both devices mean the same thing: memory this call added. Where the
/// shim cannot read the allocator (libtorch older than 2.9) the resident-memory peak is kept.</summary>
public sealed class CostMeter
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly long residentAtStart;
    private readonly int? cudaIndex;
    private readonly long allocatedAtStart;

    private CostMeter(Device device)
    {
        if (device.type == DeviceType.CUDA && torch.cuda.is_available())
        {
            cudaIndex = device.index;
            torch.cuda.synchronize(device.index);
            torch.cuda.reset_peak_memory_stats(device.index);
            allocatedAtStart = torch.cuda.memory_allocated(device.index);
        }

        ResetPeakResident();
        residentAtStart = ReadStatus("VmRSS:");
        if (cudaIndex is not null) clock.Restart();
    }

    /// <summary>Sequences run forward so far (a batch of n counts n).</summary>
    public long ForwardPasses { get; private set; }

    /// <summary>Sequences back-propagated so far (a batch of n counts n).</summary>
    public long BackwardPasses { get; private set; }

    /// <summary>Tokens of all forward passes so far, padding included.</summary>
    public long TokensProcessed { get; private set; }

    /// <summary>A meter for work on the CPU.</summary>
    public static CostMeter Start() => new(Device.CPU);

    /// <summary>A meter for work on <paramref name="device"/> (synchronised timing and allocator peaks on CUDA).</summary>
    public static CostMeter Start(Device device) => new(device);

    /// <summary>Counts a forward pass of <paramref name="sequences"/> sequences holding <paramref name="tokens"/> tokens in all.</summary>
    public void CountForward(long sequences, long tokens)
    {
        ForwardPasses += sequences;
        TokensProcessed += tokens;
    }

    /// <summary>Counts a backward pass through <paramref name="sequences"/> sequences.</summary>
    public void CountBackward(long sequences) => BackwardPasses += sequences;

    /// <summary>Stops the clock (after a CUDA synchronise) and returns the passes, tokens, wall time and peak memory since the
    /// start; <paramref name="device"/> and <paramref name="dtype"/> are recorded as given.</summary>
    public CostRecord Stop(string device, string dtype)
    {
        if (cudaIndex is { } index) torch.cuda.synchronize(index);
        clock.Stop();
        var peak = cudaIndex is { } gpu && torch.cuda.memory_stats_supported()
            ? Math.Max(0, torch.cuda.max_memory_allocated(gpu) - allocatedAtStart)
            : Math.Max(0, ReadStatus("VmHWM:") - residentAtStart);
        return new CostRecord(clock.Elapsed, ForwardPasses, BackwardPasses, TokensProcessed, peak, device, dtype);
    }

    // Writing 5 to clear_refs resets VmHWM to the current RSS (Linux >= 4.0), so the peak is this call's.
    private static void ResetPeakResident()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not Linux, or not allowed: the peak then covers the whole process so far.
        }
    }

    private static long ReadStatus(string field)
    {
        try
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
