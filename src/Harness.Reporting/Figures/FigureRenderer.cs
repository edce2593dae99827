using System.Diagnostics;
using System.Text.Json;
using Harness.Experiments.Outputs;

namespace Harness.Reporting.Figures;

/// <summary>
/// Runs render/render.mjs (Node): Vega-Lite -> Vega -> SVG with vega's headless View.toSVG, SVG -> PNG with
/// resvg at twice the SVG's size; or validates specs against vega-lite's JSON schema. All files of a call go
/// to one Node process (its start-up costs more than a figure). The folder is found from HARNESS_RENDER_DIR,
/// else src/Harness.Reporting/render above the working directory or the binaries; its node_modules come
/// from `npm ci` in ./run-all.sh setup.
/// </summary>
public sealed class FigureRenderer
{
    public const string FolderVariable = "HARNESS_RENDER_DIR";

    /// <summary>Source: our choice; a few dozen figures render in seconds, a hung Node process must not hang a report.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public FigureRenderer(string folder)
    {
        Folder = folder;
        if (!File.Exists(Path.Combine(folder, "render.mjs"))) throw new RendererException($"{folder} holds no render.mjs");
        if (!Directory.Exists(Path.Combine(folder, "node_modules")))
            throw new RendererException($"{folder}/node_modules is missing: run ./run-all.sh setup (it runs npm ci there)");
    }

    public string Folder { get; }

    /// <summary>node_modules of vega, vega-lite and vega-embed, whose browser builds the HTML report copies.</summary>
    public string NodeModules => Path.Combine(Folder, "node_modules");

    /// <summary>The renderer found as the summary says; throws naming where it looked.</summary>
    public static FigureRenderer Locate()
    {
        if (Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } configured) return new FigureRenderer(configured);
        var starts = new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory };
        foreach (var start in starts)
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "src", "Harness.Reporting", "render");
                if (File.Exists(Path.Combine(candidate, "render.mjs"))) return new FigureRenderer(candidate);
            }

        throw new RendererException($"src/Harness.Reporting/render not found above {string.Join(" or ", starts)}; set {FolderVariable}");
    }

    /// <summary>Writes FOLDER/ID.vl.json for each figure and renders ID.svg and ID.png beside it.</summary>
    public IReadOnlyList<RenderedFigure> Render(IReadOnlyList<FigureSpec> figures, string folder)
    {
        if (figures.Count == 0) return [];
        Directory.CreateDirectory(folder);
        var specs = figures.Select(f =>
        {
            var path = Path.GetFullPath(Path.Combine(folder, $"{f.Id}.vl.json"));
            AtomicFile.WriteAllText(path, f.ToJson());
            return path;
        }).ToList();
        var (code, lines, error) = Run("render", specs);
        var results = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var failed = results.Where(r => !r.GetProperty("ok").GetBoolean()).Select(r => $"{r.GetProperty("file")}: {r.GetProperty("errors")}").ToList();
        if (code != 0 || failed.Count > 0 || results.Count != specs.Count)
            throw new RendererException($"rendering failed (exit {code}): {string.Join("; ", failed)} {error}".Trim());
        return figures.Select((f, i) => new RenderedFigure(f, specs[i], results[i].GetProperty("svg").GetString()!, results[i].GetProperty("png").GetString()!,
            results[i].GetProperty("width").GetInt32(), results[i].GetProperty("height").GetInt32())).ToList();
    }

    /// <summary>Checks spec files against the Vega-Lite schema and compiles them; a warning counts as an error.</summary>
    public IReadOnlyList<SpecCheck> Validate(IReadOnlyList<string> specPaths)
    {
        var (_, lines, error) = Run("validate", specPaths.Select(Path.GetFullPath).ToList());
        var checks = lines.Select(l => JsonDocument.Parse(l).RootElement)
            .Select(r => new SpecCheck(r.GetProperty("file").GetString()!, r.GetProperty("ok").GetBoolean(),
                r.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToList()))
            .ToList();
        return checks.Count == specPaths.Count ? checks : throw new RendererException($"validation answered {checks.Count} of {specPaths.Count} specs: {error}");
    }

    private (int Code, List<string> Lines, string Error) Run(string command, IReadOnlyList<string> files)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Folder };
        start.ArgumentList.Add(Path.Combine(Folder, "render.mjs"));
        start.ArgumentList.Add(command);
        foreach (var file in files) start.ArgumentList.Add(file);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new RendererException("node did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new RendererException($"node could not be started ({e.Message}): install nodejs (./run-all.sh setup)");
        }

        using (process)
        {
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new RendererException($"node render.mjs {command} ran longer than {Timeout}");
            }

            var lines = output.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
            return (process.ExitCode, lines, error.Result.Trim());
        }
    }
}
