using Harness.Experiments.Outputs;
using Harness.Reporting.Results;

namespace Harness.Reporting.Tables;

/// <summary>Every paper table the run has the metrics for, per dataset, in a fixed order (ReAGent token and sequence
/// level, Grad-ELLM, AT2, survey), then plausibility over all datasets.</summary>
public static class PaperTables
{
    /// <summary>The tables of <paramref name="run"/>, in the order above.</summary>
    public static IReadOnlyList<ResultTable> Build(RunResults run)
    {
        var tables = new List<ResultTable>();
        foreach (var dataset in run.DatasetNames)
        {
            tables.AddIfPresent(ReAgentSoftTable.Build(run, dataset, AggregationLevel.Token));
            // The sequence level differs from the token level only when a prompt has several generated positions.
            if (HasSeveralSteps(run, dataset)) tables.AddIfPresent(ReAgentSoftTable.Build(run, dataset, AggregationLevel.Sequence));
            tables.AddIfPresent(PiSoftAucTable.Build(run, dataset));
            tables.AddIfPresent(At2ContextTable.Build(run, dataset));
            tables.AddIfPresent(CostSufficiencyTable.Build(run, dataset));
        }

        tables.AddIfPresent(PlausibilityTable.Build(run));
        tables.AddIfPresent(ModelRandomizationTable.Build(run));
        return tables;
    }

    /// <summary>Writes each table as NAME.md, NAME.tex and NAME.csv into <paramref name="folder"/>, and all Markdown tables into tables.md.</summary>
    public static IReadOnlyList<string> WriteAll(IReadOnlyList<ResultTable> tables, string folder)
    {
        Directory.CreateDirectory(folder);
        var files = new List<string>();
        foreach (var table in tables)
        {
            foreach (var (extension, text) in new[] { ("md", MarkdownTable.Write(table)), ("tex", LatexTable.Write(table)), ("csv", CsvTable.Write(table)) })
            {
                var path = Path.Combine(folder, $"{table.Id}.{extension}");
                AtomicFile.WriteAllText(path, text);
                files.Add(path);
            }
        }

        var all = Path.Combine(folder, "tables.md");
        AtomicFile.WriteAllText(all, string.Join("\n", tables.Select(MarkdownTable.Write)));
        files.Add(all);
        return files;
    }

    private static bool HasSeveralSteps(RunResults run, string dataset)
    {
        var cells = run.Cells.Where(c => c.Dataset == dataset).Select(c => c.CellId).ToHashSet(StringComparer.Ordinal);
        return run.Attributions.Where(a => cells.Contains(a.CellId)).GroupBy(a => (a.CellId, a.ExampleId)).Any(g => g.Count() > 1);
    }

    private static void AddIfPresent(this List<ResultTable> tables, ResultTable? table)
    {
        if (table is not null) tables.Add(table);
    }
}
