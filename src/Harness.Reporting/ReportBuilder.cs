using Harness.Reporting.Figures;
using Harness.Reporting.Html;
using Harness.Reporting.Results;
using Harness.Reporting.Tables;

namespace Harness.Reporting;

/// <summary>
/// `harness report RUN`: reads the run's store and writes into the output folder (default RUN/report):
/// tables/ (each paper table as .md, .tex, .csv, and tables.md with all of them), figures/ (each figure's
/// data as JSON, SVG and PNG) and the HTML report: index.html and one page per dataset.
/// </summary>
public static class ReportBuilder
{
    /// <summary>What a report wrote.</summary>
    /// <param name="Folder">The output folder.</param>
    /// <param name="Tables">The paper tables, as written under tables/.</param>
    /// <param name="Figures">The figures, as written under figures/.</param>
    /// <param name="Pages">The HTML pages, index.html first.</param>
    public sealed record Output(string Folder, IReadOnlyList<ResultTable> Tables, IReadOnlyList<RenderedFigure> Figures, IReadOnlyList<string> Pages)
    {
        /// <summary>The overview page, index.html.</summary>
        public string Index => Pages[0];
    }

    /// <summary>Reads the store of <paramref name="runFolder"/> and writes the report into <paramref name="outFolder"/>
    /// (default: RUN/report).</summary>
    public static Output Write(string runFolder, string? outFolder)
    {
        var run = RunResults.Load(runFolder);
        var folder = Path.GetFullPath(outFolder ?? Path.Combine(runFolder, "report"));
        Directory.CreateDirectory(folder);
        var tables = PaperTables.Build(run);
        PaperTables.WriteAll(tables, Path.Combine(folder, "tables"));
        var figures = FigureRenderer.Render(ReportFigures.Build(run, tables), Path.Combine(folder, "figures"));
        var pages = HtmlReportWriter.Write(run, tables, figures, folder);
        return new Output(folder, tables, figures, pages);
    }
}
