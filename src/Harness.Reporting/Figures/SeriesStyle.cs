using ScottPlot;

namespace Harness.Reporting.Figures;

/// <summary>How one series (an attributor, or a reference such as the unpruned context) is drawn: colour as #RRGGBB and marker.</summary>
public sealed record SeriesStyle(string Colour, MarkerShape Marker);
