using System.Globalization;
using Harness.Attribution.Core;
using Harness.Scoring;

namespace Harness.Cli.Commands;

/// <summary>
/// The progress line of one long attribution (issue 24, item 4): "412/5000 steps, 0:00:12 so far, ETA at most 0:02:13",
/// the ETA from the mean time per unit so far ("at most" where the method may stop early, as ReAGent does). A log
/// (redirected output) gets a line only once an attribution has run <see cref="Quiet"/>, then every <see cref="Quiet"/>,
/// so the many short attributions of a run add nothing to it.
/// </summary>
internal sealed class AttributionProgressLine(TimeProvider time)
{
    public static readonly TimeSpan Quiet = TimeSpan.FromSeconds(10);

    private long started = time.GetTimestamp();
    private TimeSpan lastLogged;

    /// <summary>A new attribution starts: its clock and the log's schedule start again.</summary>
    public void Restart()
    {
        started = time.GetTimestamp();
        lastLogged = TimeSpan.Zero;
    }

    public TimeSpan Elapsed => time.GetElapsedTime(started);

    public string Describe(AttributionProgress progress)
    {
        var elapsed = Elapsed;
        var text = $"{progress.Done}/{progress.Total} {progress.Unit}, {Clock(elapsed)} so far";
        if (progress.Done <= 0 || progress.Done >= progress.Total) return text;
        var eta = elapsed / progress.Done * (progress.Total - progress.Done);
        return $"{text}, ETA {(progress.TotalIsBound ? "at most " : "")}{Clock(eta)}";
    }

    /// <summary>Whether a log line is due now (the attribution has run <see cref="Quiet"/> and the last line is as old);
    /// when it is, the line counts as written.</summary>
    public bool DueForLog()
    {
        var elapsed = Elapsed;
        if (elapsed < Quiet || elapsed - lastLogged < Quiet) return false;
        lastLogged = elapsed;
        return true;
    }

    /// <summary>"0:02:13"; hours grow past 24 instead of wrapping.</summary>
    private static string Clock(TimeSpan span) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}:{span.Minutes:00}:{span.Seconds:00}");
}
