using Harness.Reporting.Results;

namespace Harness.Reporting.Figures;

/// <summary>Why an attributor has no value for a model x dataset (x metric), in a few words for a legend: not run, its
/// cell failed (with the error's first line), no example attributed, the metric not computed for it, or every value NaN
/// (with the flags saying why).</summary>
public static class MissingReason
{
    /// <summary>Source: our choice; a legend line stays readable beside the figure.</summary>
    private const int MaxErrorLength = 60;

    /// <summary>The reason, in a few words, that <paramref name="attributor"/> has no value for <paramref name="model"/> x
    /// <paramref name="dataset"/> (x <paramref name="metricLabel"/>) in <paramref name="run"/>.</summary>
    public static string For(RunResults run, string model, string dataset, string attributor, string? metricLabel = null)
    {
        var cells = run.Cells.Where(c => c.Model == model && c.Dataset == dataset && c.Attributor == attributor).ToList();
        if (CellProblem(cells) is { } problem) return problem;
        var done = cells.Where(c => c.Done).Select(c => c.CellId).ToHashSet(StringComparer.Ordinal);
        // A dataset option can leave nothing to attribute (e.g. only_correct when the model gets no example right).
        if (!run.Attributions.Any(a => done.Contains(a.CellId))) return "no example attributed";
        if (metricLabel is null) return "no value";
        var rows = run.Metrics.Where(m => m.Label == metricLabel && done.Contains(m.CellId)).ToList();
        if (rows.Count == 0) return $"{metricLabel} not computed";
        if (rows.Any(r => double.IsFinite(r.Value))) return "no value";
        var flags = rows.SelectMany(r => r.Flags.Select(f => f.Name.Trim()).Where(f => f.Length > 0))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return flags.Count == 0 ? "every value NaN" : $"every value NaN: {string.Join(", ", flags)}";
    }

    /// <summary>Why an attributor has no attribution of one example: its cell, or else the example was not attributed.</summary>
    public static string ForExample(RunResults run, string model, string dataset, string attributor) =>
        CellProblem(run.Cells.Where(c => c.Model == model && c.Dataset == dataset && c.Attributor == attributor).ToList())
        ?? "no attribution of this example";

    private static string? CellProblem(IReadOnlyList<CellRecord> cells) =>
        cells.Count == 0 ? "not run"
        : cells.All(c => !c.Done) ? $"failed: {FirstLine(cells[0].Error)}"
        : null;

    private static string FirstLine(string? error)
    {
        var line = (error ?? "no error recorded").Split('\n', 2)[0].Trim();
        return line.Length <= MaxErrorLength ? line : line[..(MaxErrorLength - 1)] + "…";
    }
}
