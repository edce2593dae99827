using System.Diagnostics;
using System.Globalization;

namespace Harness.Attribution.Core;

/// <summary>Counts what an attribution spends while it runs: wall time, sequences run forward and
/// backward, tokens, and the process's peak resident memory above where it started (CPU; GPU
/// allocator peaks come with the GPU work).</summary>
public sealed class CostMeter
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly long residentAtStart;

    private CostMeter()
    {
        ResetPeakResident();
        residentAtStart = ReadStatus("VmRSS:");
    }

    public long ForwardPasses { get; private set; }

    public long BackwardPasses { get; private set; }

    public long TokensProcessed { get; private set; }

    public static CostMeter Start() => new();

    public void CountForward(long sequences, long tokens)
    {
        ForwardPasses += sequences;
        TokensProcessed += tokens;
    }

    public void CountBackward(long sequences) => BackwardPasses += sequences;

    public CostRecord Stop(string device, string dtype)
    {
        clock.Stop();
        var peak = Math.Max(0, ReadStatus("VmHWM:") - residentAtStart);
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
