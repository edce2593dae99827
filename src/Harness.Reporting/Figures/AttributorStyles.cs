using ScottPlot;

namespace Harness.Reporting.Figures;

/// <summary>
/// The colour and marker of every attributor in one report, fixed by its position in the run's attributor order, so an
/// attributor looks the same in every figure. Colours are Paul Tol's "muted" qualitative scheme (nine colours chosen to
/// stay distinct under the common colour-vision deficiencies); markers cycle through seven shapes, and since 9 and 7 are
/// coprime the (colour, marker) pair repeats only after 63 attributors: 20 share no pair, and the first nine differ in
/// colour alone. The random baseline and reference lines are grey and black with markers of their own.
/// </summary>
public sealed class AttributorStyles
{
    /// <summary>Source: Paul Tol, "Colour schemes" (technical note, 2021), muted scheme, in its published order.</summary>
    public static readonly IReadOnlyList<string> Palette =
        ["#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499"];

    /// <summary>Shapes that stay apart at 7 px, filled before open.</summary>
    public static readonly IReadOnlyList<MarkerShape> Markers =
    [
        MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond,
        MarkerShape.FilledTriangleDown, MarkerShape.OpenCircle, MarkerShape.OpenSquare,
    ];

    /// <summary>The random baseline's style: grey crosses, apart from every attributor's.</summary>
    public static readonly SeriesStyle Random = new("#777777", MarkerShape.Eks);

    /// <summary>Series that are not attributors (AT2 Fig. 5's unpruned and oracle contexts), by their label.</summary>
    private static readonly IReadOnlyDictionary<string, SeriesStyle> References = new Dictionary<string, SeriesStyle>
    {
        ["(unpruned)"] = new("#000000", MarkerShape.Asterisk),
        ["(oracle)"] = new("#000000", MarkerShape.Cross),
    };

    private readonly Dictionary<string, SeriesStyle> styles = new(StringComparer.Ordinal);

    /// <param name="attributors">Attributor labels in report order (the random baseline is recognised by its label).</param>
    public AttributorStyles(IEnumerable<string> attributors)
    {
        var index = 0;
        foreach (var attributor in attributors.Distinct(StringComparer.Ordinal))
        {
            if (attributor == Results.RunResults.RandomLabel || References.ContainsKey(attributor)) continue;
            styles[attributor] = new SeriesStyle(Palette[index % Palette.Count], Markers[index % Markers.Count]);
            index++;
        }
    }

    /// <summary>The style of <paramref name="series"/>; a label the report did not list gets the next free style, so it never borrows another's.</summary>
    public SeriesStyle Of(string series)
    {
        if (series == Results.RunResults.RandomLabel) return Random;
        if (References.TryGetValue(series, out var reference)) return reference;
        if (!styles.TryGetValue(series, out var style))
        {
            var index = styles.Count;
            styles[series] = style = new SeriesStyle(Palette[index % Palette.Count], Markers[index % Markers.Count]);
        }

        return style;
    }
}
