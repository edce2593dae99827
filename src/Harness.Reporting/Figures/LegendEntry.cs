namespace Harness.Reporting.Figures;

/// <summary>A series in a figure's legend with its style; <see cref="Missing"/> says why it has no value in some or all
/// panels (null: it has values everywhere), so an attributor that does not apply is listed rather than silently absent.</summary>
internal sealed record LegendEntry(string Series, SeriesStyle Style, string? Missing = null)
{
    public string Label => Missing is null ? Series : $"{Series}: {Missing}";
}
