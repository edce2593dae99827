using System.Text;
using Harness.Experiments.Outputs;
using Harness.Reporting.Figures;
using Harness.Reporting.Results;
using Harness.Reporting.Tables;

namespace Harness.Reporting.Html;

/// <summary>
/// The report folder's index.html, which works offline from the file system: vega, vega-lite and
/// vega-embed's browser builds are copied from the renderer's node_modules into assets/, each figure's spec
/// is inline (no fetch, which file:// forbids) and drawn interactively by vega-embed as SVG, with the
/// pre-rendered SVG file linked beside it. Then the tables, per-example heatmaps (first examples of each
/// model x dataset, every attributor) and the run's provenance. The page records its own script errors
/// and each figure's success in data attributes (body data-errors, figure data-rendered), so a headless
/// browser can check it.
/// </summary>
public static class HtmlReportWriter
{
    /// <summary>Browser builds the page loads, relative to node_modules.</summary>
    private static readonly string[] Scripts =
        ["vega/build/vega.min.js", "vega-lite/build/vega-lite.min.js", "vega-embed/build/vega-embed.min.js"];

    /// <summary>Source: our choice; a few examples per model x dataset show the pattern without a page of megabytes.</summary>
    public const int DefaultHeatmapExamples = 3;

    public static string Write(
        RunResults run, IReadOnlyList<ResultTable> tables, IReadOnlyList<RenderedFigure> figures, string nodeModules, string folder,
        int heatmapExamples = DefaultHeatmapExamples)
    {
        var assets = Path.Combine(folder, "assets");
        Directory.CreateDirectory(assets);
        foreach (var script in Scripts)
        {
            var source = Path.Combine(nodeModules, script);
            if (!File.Exists(source)) throw new RendererException($"{source} is missing: run ./run-all.sh setup (npm ci)");
            File.Copy(source, Path.Combine(assets, Path.GetFileName(script)), overwrite: true);
        }

        var html = new StringBuilder();
        var title = run.Provenance.GetValueOrDefault("name", "run");
        html.Append($$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>Attribution report: {{HtmlText.Encode(title)}}</title>
            <script>
              // Counts uncaught errors and console.error calls so a headless check can read them from the DOM.
              window.reportErrors = [];
              window.addEventListener('error', e => window.reportErrors.push(String(e.message)));
              window.addEventListener('unhandledrejection', e => window.reportErrors.push(String(e.reason)));
              const consoleError = console.error.bind(console);
              console.error = (...args) => { window.reportErrors.push(args.join(' ')); consoleError(...args); };
            </script>
            {{string.Concat(Scripts.Select(s => $"<script src=\"assets/{Path.GetFileName(s)}\"></script>\n"))}}<style>
              body { font-family: sans-serif; margin: 2em; max-width: 1400px; }
              table.result { border-collapse: collapse; margin: 1em 0 2em; font-size: 90%; }
              table.result th, table.result td { border-bottom: 1px solid #ccc; padding: 3px 8px; text-align: right; }
              table.result tbody th { text-align: left; font-weight: normal; }
              table.result caption { caption-side: bottom; text-align: left; color: #555; padding-top: 4px; }
              .figure { margin: 1em 0; }
              .heatmap-row { font-family: monospace; line-height: 1.8; margin: 2px 0; }
              .heatmap-row span { padding: 1px 0; border-radius: 2px; }
              .heatmap-row .target { font-weight: bold; outline: 1px solid #888; }
              table.provenance td { padding: 2px 8px; vertical-align: top; font-family: monospace; font-size: 85%; }
            </style>
            </head>
            <body data-errors="0">
            <h1>Attribution report: {{HtmlText.Encode(title)}}</h1>
            <nav><a href="#tables">Tables</a> | <a href="#figures">Figures</a> | <a href="#examples">Examples</a> | <a href="#provenance">Provenance</a></nav>

            """);
        html.Append("<h2 id=\"tables\">Tables</h2>\n");
        if (tables.Count == 0) html.Append("<p>The run has none of the metrics the paper tables show.</p>\n");
        foreach (var table in tables) html.Append($"<h3>{HtmlText.Encode(table.Title)}</h3>\n").Append(HtmlTable.Write(table));

        html.Append("<h2 id=\"figures\">Figures</h2>\n");
        foreach (var figure in figures)
        {
            var id = figure.Figure.Id;
            var svg = Path.GetRelativePath(folder, figure.SvgPath).Replace('\\', '/');
            var png = Path.GetRelativePath(folder, figure.PngPath).Replace('\\', '/');
            html.Append($"<h3>{HtmlText.Encode(figure.Figure.Title)}</h3>\n")
                .Append($"<div class=\"figure\" id=\"figure-{id}\" data-figure=\"{id}\" data-rendered=\"false\"></div>\n")
                .Append($"<p class=\"files\"><a href=\"{svg}\">SVG</a> | <a href=\"{png}\">PNG</a> | ")
                .Append($"<a href=\"{Path.GetRelativePath(folder, figure.SpecPath).Replace('\\', '/')}\">Vega-Lite spec</a></p>\n")
                .Append($"<script type=\"application/json\" id=\"spec-{id}\">{HtmlText.ScriptJson(figure.Figure.ToJson())}</script>\n");
        }

        html.Append("<h2 id=\"examples\">Examples</h2>\n<p>Each line: a generated token coloured by the model's confidence in it (green = p), ")
            .Append("then the context coloured by the attributor's score (orange positive, blue negative). Hover for numbers.</p>\n");
        foreach (var model in run.ModelNames)
        foreach (var dataset in run.DatasetNames)
        {
            var text = TokenText.For(run.Models.FirstOrDefault(m => m.Name == model));
            var cells = run.CellIds(model, dataset);
            var examples = run.Attributions.Where(a => cells.Contains(a.CellId)).Select(a => a.ExampleId).Distinct().Take(heatmapExamples);
            foreach (var example in examples)
            foreach (var attributor in run.AttributorLabels)
                if (ExampleHeatmap.Build(run, model, dataset, attributor, example, text) is { } heatmap)
                    html.Append(HeatmapHtml.Write(heatmap));
        }

        html.Append(Provenance(run));
        html.Append("""
            <script>
              // Draws every figure from its inline spec; marks success per figure and counts failures in body data-errors.
              const figures = Array.from(document.querySelectorAll('.figure'));
              Promise.all(figures.map(el => {
                const spec = JSON.parse(document.getElementById('spec-' + el.dataset.figure).textContent);
                return vegaEmbed(el, spec, { renderer: 'svg', actions: { export: true, source: false, compiled: false, editor: false } })
                  .then(() => { el.dataset.rendered = 'true'; })
                  .catch(e => { window.reportErrors.push(el.dataset.figure + ': ' + e); });
              })).finally(() => {
                document.body.dataset.errors = String(window.reportErrors.length);
                document.body.dataset.errorText = window.reportErrors.join('\n');
                document.body.dataset.status = 'done';
              });
            </script>
            </body>
            </html>

            """);
        var path = Path.Combine(folder, "index.html");
        AtomicFile.WriteAllText(path, html.ToString());
        return path;
    }

    private static string Provenance(RunResults run)
    {
        var html = new StringBuilder("<h2 id=\"provenance\">Provenance</h2>\n<table class=\"provenance\">\n");
        foreach (var (key, value) in run.Provenance.Where(kv => kv.Key != "experiment_text"))
            html.Append($"<tr><td>{HtmlText.Encode(key)}</td><td>{HtmlText.Encode(value)}</td></tr>\n");
        foreach (var model in run.Models)
        {
            var files = string.Join("<br>", model.FileSha256.Select(f => $"{HtmlText.Encode(f.Key)}: {HtmlText.Encode(f.Value)}"));
            html.Append($"<tr><td>model {HtmlText.Encode(model.Name)}</td><td>{HtmlText.Encode(model.Folder)} ({HtmlText.Encode(model.DType)}, {HtmlText.Encode(model.Device)})<br>{files}</td></tr>\n");
        }

        html.Append("</table>\n<h3>Experiment</h3>\n<pre>").Append(HtmlText.Encode(run.Provenance.GetValueOrDefault("experiment_text", ""))).Append("</pre>\n");
        var failed = run.Cells.Where(c => !c.Done).ToList();
        if (failed.Count > 0)
        {
            html.Append("<h3>Failed cells</h3>\n<ul>\n");
            foreach (var cell in failed) html.Append($"<li>{HtmlText.Encode(cell.CellId)}: {HtmlText.Encode(cell.Error ?? "")}</li>\n");
            html.Append("</ul>\n");
        }

        return html.ToString();
    }
}
