using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Harness.Experiments.Store;

/// <summary>
/// One writer per result store: `harness run` holds a lease file (RUN/results.lock: host, pid, start time) while it
/// writes, renewed by touching the file every quarter of <see cref="StaleAfter"/>. A second run fails at once naming
/// the holder. A lease is taken over when it is stale: its holder is a process on this host that no longer runs (a
/// kill -9, a crash: resume works at once), or it was not renewed for <see cref="StaleAfter"/> (a holder on another
/// node of a shared filesystem that died, or a requeued Slurm job). Readers never take it.
/// </summary>
public sealed class RunLease : IDisposable
{
    /// <summary>The lease file's name in a run's output folder, beside the store.</summary>
    public const string FileName = "results.lock";

    /// <summary>Without renewal for this long a lease is stale. Renewal runs every quarter of it, so only a holder that
    /// is gone (or frozen for minutes) loses it. HARNESS_LEASE_STALE_SECONDS overrides it.</summary>
    public static TimeSpan StaleAfter =>
        double.TryParse(Environment.GetEnvironmentVariable("HARNESS_LEASE_STALE_SECONDS"), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0
            ? TimeSpan.FromSeconds(s)
            : TimeSpan.FromMinutes(2);

    private readonly string path;
    private readonly LeaseHolder holder;
    private readonly Timer renewal;

    private RunLease(string path, LeaseHolder holder, TimeSpan staleAfter)
    {
        this.path = path;
        this.holder = holder;
        var period = staleAfter / 4;
        renewal = new Timer(_ => Renew(), null, period, period);
    }

    /// <summary>Takes the lease of <paramref name="runFolder"/> (created when absent) or fails naming its holder.</summary>
    /// <param name="staleAfter"><see cref="StaleAfter"/> when null.</param>
    /// <exception cref="RunLockedException">Another live process holds a lease that is not stale.</exception>
    public static RunLease Acquire(string runFolder, TimeSpan? staleAfter = null)
    {
        Directory.CreateDirectory(runFolder);
        var path = Path.Combine(runFolder, FileName);
        var stale = staleAfter ?? StaleAfter;
        var holder = LeaseHolder.ThisProcess();
        // Two attempts: a stale lease is removed once; losing the race for the fresh file to another run is a refusal.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
                    JsonSerializer.Serialize(file, holder);
                return new RunLease(path, holder, stale);
            }
            catch (IOException) when (File.Exists(path))
            {
                var current = LeaseHolder.Read(path);
                var age = DateTime.UtcNow - File.GetLastWriteTimeUtc(path);
                if (attempt == 0 && IsStale(current, age, stale))
                {
                    File.Delete(path);
                    continue;
                }

                throw new RunLockedException(current is null
                    ? $"{runFolder} is locked by {path}, which another run is writing; wait a moment and retry"
                    : FormattableString.Invariant(
                        $"{runFolder} is being written by another run: pid {current.Pid} on {current.Host}, started {current.StartedUtc:yyyy-MM-dd HH:mm:ss}Z (lease renewed {age.TotalSeconds:F0} s ago; stale after {stale.TotalSeconds:F0} s without renewal); wait for it to finish or stop it"));
            }
        }
    }

    /// <summary>Stale when its holder is a process of this host that has exited, or it was not renewed in time.
    /// An unreadable lease (being written at this instant) is stale only by age.</summary>
    private static bool IsStale(LeaseHolder? holder, TimeSpan age, TimeSpan staleAfter)
    {
        if (age > staleAfter) return true;
        return holder is not null && holder.Host == Environment.MachineName && !IsRunning(holder.Pid);
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Touches the lease while it is still ours (a taker of a stale lease wrote its own holder).</summary>
    private void Renew()
    {
        try
        {
            if (LeaseHolder.Read(path) == holder) File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
        }
        catch (IOException)
        {
            // A failed renewal is retried at the next tick; the lease only goes stale after several.
        }
    }

    /// <summary>Releases the lease: deletes the lease file if it is still this holder's.</summary>
    public void Dispose()
    {
        renewal.Dispose();
        try
        {
            if (LeaseHolder.Read(path) == holder) File.Delete(path);
        }
        catch (IOException)
        {
            // Left behind, the lease is stale at once for this host (the pid has exited) and by age elsewhere.
        }
    }
}

/// <summary>Who holds a <see cref="RunLease"/>: the lease file's content.</summary>
public sealed record LeaseHolder(string Host, int Pid, DateTime StartedUtc, string Token)
{
    /// <summary>A new holder for this process on this machine, started now with a fresh token.</summary>
    public static LeaseHolder ThisProcess() => new(Environment.MachineName, Environment.ProcessId, DateTime.UtcNow, Guid.NewGuid().ToString("N"));

    /// <summary>The holder in <paramref name="path"/>, or null when the file is gone or not (yet) a whole lease.</summary>
    public static LeaseHolder? Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<LeaseHolder>(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

/// <summary>The store is being written by another run (<see cref="RunLease"/>).</summary>
public sealed class RunLockedException(string message) : IOException(message);
