using System.CommandLine;
using Harness.Reporting;
using Harness.Reporting.Figures;

namespace Harness.Cli.Commands;

/// <summary>`harness report RUN_FOLDER [--out DIR]`: the paper tables (Markdown, LaTeX, CSV), the figures (data as JSON,
/// SVG, PNG) and the offline HTML report of a run (an overview and one page per dataset), from its result store.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var run = new Argument<string>("RUN_FOLDER") { Description = "A run's folder (holding results.sqlite)." };
        var output = new Option<string?>("--out") { Description = "Where the report goes; RUN_FOLDER/report when absent." };
        var command = new Command("report", """
            Write a run's tables, figures and HTML report.

            Output: tables/*.md|.tex|.csv (and tables.md), figures/*.json|.svg|.png, index.html and one dataset_NAME.html
            per dataset (open offline). The figures need a font (DejaVu Sans; ./run-all.sh setup installs it).

            Examples:
              harness report runs/quickstart
              harness report runs/reagent --out paper/figures
            """);
        command.Arguments.Add(run);
        command.Options.Add(output);
        command.SetAction(r => CommandRunner.Run(() => Run(r.GetValue(run)!, r.GetValue(output))));
        return command;
    }

    private static int Run(string runFolder, string? outFolder)
    {
        if (!Directory.Exists(runFolder)) throw new UsageException($"the run folder {runFolder} does not exist");
        ReportBuilder.Output report;
        try
        {
            report = ReportBuilder.Write(runFolder, outFolder);
        }
        catch (Exception e) when (e is RendererException or InvalidDataException)
        {
            throw new UsageException(e.Message);
        }

        Console.WriteLine($"{report.Tables.Count} tables and {report.Figures.Count} figures written to {report.Folder}");
        Console.WriteLine($"open {report.Index}");
        return 0;
    }
}
