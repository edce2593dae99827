namespace Harness.Reporting.Figures;

/// <summary>The horizontal axis of a chart: a swept setting on a linear or log scale, or the series themselves (bars).</summary>
internal enum ChartAxisKind
{
    Linear,
    Log,
    Categories,
}
