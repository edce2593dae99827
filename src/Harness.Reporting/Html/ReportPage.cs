using System.Text;

namespace Harness.Reporting.Html;

/// <summary>
/// What every page of the HTML report shares: the stylesheet (also used by `harness attribute --html`), the head, the
/// navigation between the overview and the dataset pages, and a closing script that records the tallest section's
/// height (body data-tallest-section, CSS pixels) and the images that failed to load (data-broken-images) so a
/// headless browser can check the page and the layout rule: read at
/// <see cref="CheckedWidth"/> pixels wide, no section is taller than <see cref="MaxSectionHeight"/>.
/// </summary>
public static class ReportPage
{
    /// <summary>Viewport width in CSS pixels at which the layout rule is checked.</summary>
    public const int CheckedWidth = 1280;

    /// <summary>Tallest a section may be at <see cref="CheckedWidth"/>, in CSS pixels.</summary>
    public const int MaxSectionHeight = 3000;

    /// <summary>The report's stylesheet.</summary>
    public const string Css = """
        body { font-family: "DejaVu Sans", sans-serif; margin: 0 auto; padding: 1em 20px; max-width: 1240px; color: #111; }
        nav { margin: 0.5em 0 1.5em; line-height: 1.8; }
        nav a, nav strong { margin-right: 0.9em; }
        section { margin: 0 0 2em; }
        img { max-width: 100%; height: auto; }
        table.result { border-collapse: collapse; margin: 0.5em 0; font-size: 90%; }
        table.result th, table.result td { border-bottom: 1px solid #ccc; padding: 3px 8px; text-align: right; }
        table.result tbody th { text-align: left; font-weight: normal; }
        table.result caption { caption-side: bottom; text-align: left; color: #555; padding-top: 4px; }
        p.files { margin: 0.2em 0; font-size: 90%; }
        .colour-bar { display: flex; align-items: center; gap: 1em; font-size: 85%; margin: 0.3em 0 0.6em; }
        .colour-bar .bar-body { display: inline-flex; flex-direction: column; width: 260px; }
        .colour-bar .bar { height: 12px; border: 1px solid #999; }
        .colour-bar .bar-ticks { display: flex; justify-content: space-between; }
        .targets { max-height: 2400px; overflow-y: auto; }
        details { margin: 0.4em 0; }
        summary { cursor: pointer; font-weight: bold; }
        summary .target { font-weight: normal; white-space: pre-wrap; background: #eee; padding: 0 3px; }
        table.heatmap { border-collapse: collapse; width: 100%; }
        table.heatmap th { text-align: left; font-weight: normal; vertical-align: top; padding: 2px 10px 2px 0; white-space: nowrap; width: 1%; }
        table.heatmap td { border-bottom: 1px solid #eee; padding: 2px 0; }
        .tokens { white-space: pre-wrap; line-height: 1.75; font-size: 95%; }
        .tokens span { padding: 2px 0; box-shadow: inset -1px 0 rgba(255, 255, 255, 0.7); }
        p.missing { color: #555; font-size: 90%; }
        table.provenance td { padding: 2px 8px; vertical-align: top; font-family: monospace; font-size: 85%; }
        """;

    /// <summary>A page's start: doctype, head with <paramref name="title"/> and the stylesheet, and the <paramref name="navigation"/> bar.</summary>
    public static string Open(string title, string navigation) => $$"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{HtmlText.Encode(title)}}</title>
        <style>
        {{Css}}
        </style>
        </head>
        <body>
        <h1>{{HtmlText.Encode(title)}}</h1>
        {{navigation}}

        """;

    /// <summary>A page's end: the measuring script, then the closing tags.</summary>
    public const string Close = """
        <script>
          // Records the tallest section's height and the images that did not load, so a headless browser can check the
          // page; the page needs no script otherwise.
          window.addEventListener('load', () => {
            const heights = Array.from(document.querySelectorAll('section')).map(s => Math.ceil(s.getBoundingClientRect().height));
            document.body.dataset.tallestSection = String(Math.max(0, ...heights));
            document.body.dataset.brokenImages = String(Array.from(document.images).filter(i => !i.complete || i.naturalWidth === 0).length);
            document.body.dataset.status = 'done';
          });
        </script>
        </body>
        </html>

        """;

    /// <summary>Links to the overview and every dataset page; the current page in bold.</summary>
    public static string Navigation(IReadOnlyList<(string Name, string File)> pages, string current)
    {
        var html = new StringBuilder("<nav>");
        foreach (var (name, file) in pages)
            html.Append(file == current ? $"<strong>{HtmlText.Encode(name)}</strong>" : $"<a href=\"{HtmlText.Encode(file)}\">{HtmlText.Encode(name)}</a>");
        return html.Append("</nav>").ToString();
    }
}
