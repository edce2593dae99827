namespace Harness.Cli.Tests;

/// <summary>A clock that moves only when a test advances it.</summary>
public sealed class ManualClock : TimeProvider
{
    private long ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => ticks;

    public void Advance(double seconds) => ticks += TimeSpan.FromSeconds(seconds).Ticks;
}
