using Harness.Reporting.Figures;
using Harness.Reporting.Html;
using Harness.Reporting.Results;
using Harness.Reporting.Tables;

namespace Harness.Reporting;

/// <summary>
/// `harness report RUN`: reads the run's store and writes into the output folder (default RUN/report):
/// tables/ (each paper table as .md, .tex, .csv, and tables.md with all of them), figures/ (each figure's
/// Vega-Lite spec, SVG and PNG) and index.html with assets/.
/// </summary>
public static class ReportBuilder
{
    public sealed record Output(string Folder, IReadOnlyList<ResultTable> Tables, IReadOnlyList<RenderedFigure> Figures, string Index);

    public static Output Write(string runFolder, string? outFolder, FigureRenderer renderer)
    {
        var run = RunResults.Load(runFolder);
        var folder = Path.GetFullPath(outFolder ?? Path.Combine(runFolder, "report"));
        Directory.CreateDirectory(folder);
        var tables = PaperTables.Build(run);
        PaperTables.WriteAll(tables, Path.Combine(folder, "tables"));
        var figures = renderer.Render(ReportFigures.Build(run, tables), Path.Combine(folder, "figures"));
        var index = HtmlReportWriter.Write(run, tables, figures, renderer.NodeModules, folder);
        return new Output(folder, tables, figures, index);
    }
}
