using Harness.Reporting.Results;

namespace Harness.Reporting.Tables;

/// <summary>The sentence a Soft-NS/NC table's caption carries about how scores became keep probabilities: the protocol
/// and, per transform, the attributors it was applied to, as the rows record them (spec/metrics.md section 1).</summary>
public static class SoftTransformCaption
{
    /// <summary>The sentence for the <paramref name="label"/> metric (Soft-NS or Soft-NC) on <paramref name="dataset"/>.</summary>
    public static string For(RunResults run, string dataset, string label)
    {
        var cells = run.Cells.Where(c => c.Dataset == dataset).ToDictionary(c => c.CellId, c => c.Attributor, StringComparer.Ordinal);
        var settings = run.Metrics.Where(m => m.Label == label && cells.ContainsKey(m.CellId))
            .Select(m => (Attributor: cells[m.CellId], Protocol: m.Options.GetValueOrDefault("protocol"), Transform: m.Options.GetValueOrDefault("transform")))
            .Distinct().ToList();
        if (settings.Count == 0)
            return "Scores to keep probabilities: none recorded, as no example of this dataset was evaluated (e.g. only_correct left none).";
        if (settings.Any(s => s.Transform is null))
            return "Scores to keep probabilities: not recorded by this run (a run before the protocol was recorded).";
        var protocols = string.Join(", ", settings.Select(s => s.Protocol).Distinct());
        var transforms = settings.GroupBy(s => s.Transform!, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} for {string.Join(", ", g.Select(s => s.Attributor).Distinct())}");
        return $"Scores to keep probabilities under protocol {protocols}: {string.Join("; ", transforms)}.";
    }
}
