namespace Harness.Scoring;

/// <summary>
/// The logit-probability l - log(1 - e^l) of a log-probability l: the f(v) of spec/metrics.md
/// section 5 (of the whole response's log P), computed stably as log P - log1p(-exp(log P)) in
/// float64 (context_cite keeps ContextCite's float32: ContextCiteSurrogate).
/// </summary>
public static class LogitProbability
{
    /// <summary>The largest log-probability used: keeps the logit-probability finite (about 34.5)
    /// when the model is certain in float precision.</summary>
    private const double MaxLogProbability = -1e-15;

    /// <summary>l - log(1 - e^l), with 1 - e^l computed without cancellation near l = 0 (.NET's
    /// LogP1 is log(1 + x) without that care).</summary>
    public static double FromLogProbability(double logProbability)
    {
        var l = Math.Min(logProbability, MaxLogProbability);
        var oneMinusP = l > -Math.Log(2) ? -ExpMinusOne(l) : 1 - Math.Exp(l);
        return l - Math.Log(oneMinusP);
    }

    private static double ExpMinusOne(double x) =>
        Math.Abs(x) < 1e-5 ? x + x * x / 2 + x * x * x / 6 : Math.Exp(x) - 1;
}
