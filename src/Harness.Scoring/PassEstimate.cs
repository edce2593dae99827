namespace Harness.Scoring;

/// <summary>Forward and backward passes (sequences) one attribution or metric is expected to run.</summary>
public readonly record struct PassEstimate(double Forward, double Backward)
{
    /// <summary>No model call.</summary>
    public static readonly PassEstimate None = new(0, 0);

    /// <summary>The passes of both, added.</summary>
    public static PassEstimate operator +(PassEstimate a, PassEstimate b) => new(a.Forward + b.Forward, a.Backward + b.Backward);

    /// <summary>The passes repeated <paramref name="k"/> times (e.g. per generated step).</summary>
    public static PassEstimate operator *(PassEstimate a, double k) => new(a.Forward * k, a.Backward * k);
}
