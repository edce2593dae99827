using System.Globalization;
using Harness.Data.Segmentation;
using Harness.Data.Catalog;
using Harness.Experiments.Schema;
using Harness.Evaluation.Protocols;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Harness.Experiments.Yaml;

/// <summary>
/// Reads an experiment file into an <see cref="ExperimentSpec"/> (structure only; names, options and
/// files are checked by <see cref="Validation.ExperimentValidator"/>). Anchors, aliases and merge keys
/// (`&lt;&lt;: *defaults`) work; top-level keys starting with `x-` are free for anchors. Relative paths are
/// resolved against the experiment file's folder; a dataset's `source: NAME` against the dataset cache
/// (<see cref="DatasetCache"/>, read when the file is loaded). Every problem is collected with file:line:column and
/// thrown together as one <see cref="ExperimentException"/>.
/// </summary>
public static class ExperimentYaml
{
    private static readonly string[] TopKeys = ["name", "output", "seeds", "batch_size", "models", "datasets", "attributors", "metrics", "only", "exclude", "limits"];
    private static readonly string[] ModelKeys = ["name", "path", "dtype", "device", "masked_lm", "at2_estimator"];
    private static readonly string[] DatasetKeys = ["name", "reader", "source", "path", "task", "split", "sample", "seed", "target", "max_new_tokens", "stride", "unit", "target_source", "only_correct", "chat", "system", "too_long"];
    private static readonly string[] AttributorKeys = ["name", "label", "options", "grid"];
    private static readonly string[] MetricKeys = ["name", "label", "options", "datasets"];
    private static readonly string[] FilterKeys = ["model", "dataset", "attributor"];

    /// <summary>The reader name of generated tasks (Harness.Data's synthetic generators).</summary>
    public const string SyntheticReader = "synthetic";

    /// <summary>Reads the experiment file at <paramref name="path"/> (relative paths in it resolved against its folder); throws <see cref="ExperimentException"/> listing every problem.</summary>
    public static ExperimentSpec Load(string path)
    {
        var file = Path.GetFullPath(path);
        if (!File.Exists(file))
            throw new ExperimentException([new ExperimentError(new SourcePosition(path, 0, 0), Directory.Exists(file)
                ? "is a folder: name the experiment's YAML file in it"
                : "the experiment file does not exist")]);
        var context = new YamlContext(path);
        var text = File.ReadAllText(file);
        var stream = Parse(text, path);
        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new ExperimentException([new ExperimentError(new SourcePosition(path, 1, 1),
                stream.Documents.Count == 0 ? "the file is empty: expected a mapping with models, datasets, attributors and metrics" : "expected one YAML document whose top level is a mapping")]);

        var folder = Path.GetDirectoryName(file)!;
        var top = new YamlMap(root, context, "experiment", TopKeys);
        var spec = new ExperimentSpec(
            top.String("name") ?? Path.GetFileNameWithoutExtension(path),
            path,
            Resolve(folder, top.String("output") ?? Path.Combine("..", "results", "runs", Path.GetFileNameWithoutExtension(path))),
            Seeds(top, context),
            top.Int("batch_size", 1) ?? 16,
            Items(top, "models", context, n => Model(n, context, folder)),
            Items(top, "datasets", context, n => Dataset(n, context, folder)),
            Items(top, "attributors", context, n => Attributors(n, context)).SelectMany(a => a).ToList(),
            Items(top, "metrics", context, n => Metric(n, context)),
            Filters(top, "only", context),
            Filters(top, "exclude", context)) { Limits = Limits(top, context) };
        Unique(spec.Models.Select(m => (m.Name, m.Position)), "model", context);
        Unique(spec.Datasets.Select(d => (d.Name, d.Position)), "dataset", context);
        Unique(spec.Attributors.Select(a => (a.Label, a.Position)), "attributor label", context);
        Unique(spec.Metrics.Select(m => (m.Label, m.Position)), "metric label", context);
        if (context.Errors.Count > 0) throw new ExperimentException(context.Errors) { ReadDespiteErrors = context.OnlyUnknownKeys ? spec : null };
        return spec;
    }

    /// <summary>The YAML stream with merge keys applied. A plain parse first reports syntax errors at
    /// their position (the merging parser reads ahead and loses them); then the merging parse.</summary>
    private static YamlStream Parse(string text, string path)
    {
        CheckDepth(text, path);
        try
        {
            new YamlStream().Load(new Parser(new StringReader(text)));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this, not a YamlException, when the file ends inside a flow collection.
            var lines = text.Split('\n').Length;
            throw new ExperimentException([new ExperimentError(new SourcePosition(path, lines, 1),
                "not valid YAML: the file ends inside a [ ] or { } collection that is never closed")]);
        }
        catch (YamlException e)
        {
            var message = Plain(e.InnerException?.Message ?? e.Message);
            var (line, column) = ((int)e.Start.Line, (int)e.Start.Column);
            // YamlDotNet places a tab-indentation error at the mapping's start; point at the tab itself.
            if (message.Contains("tab", StringComparison.OrdinalIgnoreCase) && TabLine(text) is { } tab) (line, column) = (tab, 1);
            if (UndefinedAlias(text, message, path) is { } aliasError) throw new ExperimentException([aliasError]);
            throw new ExperimentException([new ExperimentError(new SourcePosition(path, line, column), $"not valid YAML: {message}")]);
        }

        try
        {
            var stream = new YamlStream();
            stream.Load(new MergingParser(new Parser(new StringReader(text))));
            return stream;
        }
        // YamlDotNet's merging parser also throws ArgumentException for a merge key (<<) whose value nests a sequence.
        catch (Exception e) when (e is YamlException or KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            throw new ExperimentException([UndefinedAlias(text, e.Message, path)
                ?? new ExperimentError(new SourcePosition(path, 1, 1), $"not valid YAML: {Plain(e.Message)}")]);
        }
    }

    /// <summary>Deepest nesting of mappings and sequences accepted; an experiment needs 5. Loading a document is
    /// recursive, so a hostile 50,000-level file would overflow the stack before any error could be reported.</summary>
    public const int MaxDepth = 64;

    /// <summary>Refuses nesting deeper than <see cref="MaxDepth"/>, reading the event stream (not recursive).</summary>
    private static void CheckDepth(string text, string path)
    {
        var parser = new Parser(new StringReader(text));
        var depth = 0;
        try
        {
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case YamlDotNet.Core.Events.MappingStart or YamlDotNet.Core.Events.SequenceStart when ++depth > MaxDepth:
                        var at = parser.Current!.Start;
                        throw new ExperimentException([new ExperimentError(new SourcePosition(path, (int)at.Line, (int)at.Column),
                            $"nested more than {MaxDepth} levels deep; an experiment needs a handful")]);
                    case YamlDotNet.Core.Events.MappingEnd or YamlDotNet.Core.Events.SequenceEnd:
                        depth--;
                        break;
                }
            }
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            // Syntax errors are reported, with their position, by the parse that follows.
        }
    }

    /// <summary>An alias (or merge key) naming an anchor defined nowhere, placed at its first use.</summary>
    private static ExperimentError? UndefinedAlias(string text, string message, string path)
    {
        if (!message.Contains("anchor", StringComparison.OrdinalIgnoreCase) && !message.Contains("given key", StringComparison.Ordinal)) return null;
        if (System.Text.RegularExpressions.Regex.Match(message, "'([^']+)'") is not { Success: true } match) return null;
        var alias = match.Groups[1].Value;
        var at = text.IndexOf("*" + alias, StringComparison.Ordinal);
        if (at < 0) return null;
        var line = text[..at].Count(c => c == '\n') + 1;
        var column = at - (text.LastIndexOf('\n', Math.Max(at - 1, 0)) + 1) + 1;
        return new ExperimentError(new SourcePosition(path, line, column), $"not valid YAML: the alias *{alias} refers to no anchor &{alias}");
    }

    private static int? TabLine(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
            if (lines[i].TakeWhile(char.IsWhiteSpace).Contains('\t')) return i + 1;
        return null;
    }

    private static string Plain(string message) => message.Replace("\r", " ").Replace("\n", " ");

    private static string Resolve(string folder, string path) => Path.GetFullPath(Path.Combine(folder, path));

    private static List<T> Items<T>(YamlMap top, string key, YamlContext context, Func<YamlNode, T?> read) where T : class
    {
        var items = top.Sequence(key, required: true);
        if (items.Count == 0 && top.Get(key) is { } node) context.Error(node, $"'{key}' is empty: give at least one");
        return items.Select(read).OfType<T>().ToList();
    }

    /// <summary>The top-level `limits:` mapping of size names to raised limits (positive integers).</summary>
    private static Dictionary<string, long> Limits(YamlMap top, YamlContext context)
    {
        var limits = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (key, text) in top.Options("limits"))
        {
            if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 1) limits[key] = value;
            else context.Error(top.Get("limits")!, $"limits: '{key}: {text}' must be a positive integer");
        }

        return limits;
    }

    private static IReadOnlyList<ulong> Seeds(YamlMap top, YamlContext context)
    {
        var node = top.Get("seeds");
        if (node is null) return [0];
        var items = node is YamlSequenceNode s ? s.Children.ToList() : [node];
        var seeds = new List<ulong>();
        foreach (var item in items)
            if (item is YamlScalarNode { Value: var v } && ulong.TryParse(v, out var seed)) seeds.Add(seed);
            else context.Error(item, $"'seeds' must hold non-negative integers, got '{(item as YamlScalarNode)?.Value ?? item.NodeType.ToString()}'");
        if (seeds.Count != seeds.Distinct().Count()) context.Error(node, "'seeds' lists a seed twice");
        if (node is YamlSequenceNode { Children.Count: 0 }) context.Error(node, "'seeds' is empty: give at least one (or leave the key out for seed 0)");
        return seeds;
    }

    /// <summary>A mapping item, or a plain name as shorthand for {name: NAME}.</summary>
    private static YamlMap? Map(YamlNode node, YamlContext context, string what, string[] keys)
    {
        if (node is YamlScalarNode { Value.Length: > 0 } name)
            return new YamlMap(new YamlMappingNode { { new YamlScalarNode("name"), name } }, context, what, keys, at: node);
        if (node is YamlMappingNode map) return new YamlMap(map, context, what, keys);
        context.Error(node, $"each {what} must be a mapping (or a plain name)");
        return null;
    }

    private static ModelSpec? Model(YamlNode node, YamlContext context, string folder)
    {
        if (Map(node, context, "model", ModelKeys) is not { } m) return null;
        var path = m.String("path", required: true);
        if (path is null) return null;
        // A folder that exists (relative to the experiment) is a path; anything else may be a cache id.
        string? Optional(string key) => m.String(key) is { } p ? Resolve(folder, p) : null;
        return new ModelSpec(m.String("name") ?? Path.GetFileName(path.TrimEnd('/')), Location(folder, path), m.String("dtype") ?? "float32",
            m.String("device") ?? "cpu", m.String("masked_lm") is { } mlm ? Location(folder, mlm) : null, Optional("at2_estimator"), context.At(node));
    }

    /// <summary>A model folder relative to the experiment when it exists there (or is written as a path),
    /// else a Hugging Face cache id such as "gpt2" or "roberta-large", kept as written.</summary>
    private static string Location(string folder, string path)
    {
        var resolved = Resolve(folder, path);
        return Directory.Exists(resolved) || path.StartsWith('.') || Path.IsPathRooted(path) ? resolved : path;
    }

    private static DatasetSpec? Dataset(YamlNode node, YamlContext context, string folder)
    {
        if (Map(node, context, "dataset", DatasetKeys) is not { } m) return null;
        // A dataset the catalog knows brings its reader; any other needs one named.
        var source = m.String("source");
        var known = source is null ? null : DatasetCatalog.Find(source);
        var reader = m.String("reader", required: known is null) ?? known?.Reader;
        if (reader is null) return null;
        var synthetic = reader == SyntheticReader;
        var path = m.String("path");
        var task = m.String("task");
        if (synthetic && task is null) context.Error(m.Anchor, "a synthetic dataset needs 'task' (the generator's name)");
        if (!synthetic && path is null && source is null)
            context.Error(m.Anchor, $"dataset reader '{reader}' needs 'source' (a dataset name, e.g. `source: {reader}`; `harness fetch dataset` downloads it) or 'path' (a file of your own)");
        if (synthetic && path is not null) context.Error(m.Get("path")!, "a synthetic dataset is generated: drop 'path'");
        if (synthetic && source is not null) context.Error(m.Get("source")!, "a synthetic dataset is generated: drop 'source'");
        if (path is not null && source is not null) context.Error(m.Get("source")!, "give 'source' (a named dataset) or 'path' (a file of your own), not both");
        if (source is not null && !DatasetCache.IsName(source))
            context.Error(m.Get("source")!, $"'source' names a dataset (letters, digits, '_', '-', '.'), got '{source}'; a file of your own goes in 'path'");
        var file = path is not null ? Resolve(folder, path) : source is not null && DatasetCache.IsName(source) ? DatasetCache.FileOf(source) : null;
        var target = m.Enum<TargetMode>("target") ?? TargetMode.Token;
        var name = m.String("name") ?? (synthetic ? task : source ?? Path.GetFileName(Path.GetDirectoryName(path ?? "") ?? "")) ?? reader;
        return new DatasetSpec(name, reader, synthetic ? null : file, task, m.String("split") ?? (synthetic ? "test" : "all"),
            m.Int("sample", 1), m.UInt64("seed") ?? 0, target, m.Int("max_new_tokens", 1) ?? SequenceProtocol.DefaultMaxNewTokens,
            m.Int("stride", 1) ?? SequenceProtocol.DefaultStride, m.Enum<SourceUnit>("unit") ?? SourceUnit.Token, context.At(node))
        {
            Source = path is null && !synthetic ? source : null,
            TargetSource = m.Enum<TargetSource>("target_source") ?? TargetSource.Gold,
            OnlyCorrect = m.Bool("only_correct") ?? false,
            Chat = m.Bool("chat"),
            System = m.String("system"),
            TooLong = m.Enum<TooLongPolicy>("too_long") ?? TooLongPolicy.Fail,
        };
    }

    /// <summary>One attributor entry, expanded over its grid (cartesian product in the grid's key order).</summary>
    private static IReadOnlyList<AttributorSpec>? Attributors(YamlNode node, YamlContext context)
    {
        if (Map(node, context, "attributor", AttributorKeys) is not { } m) return null;
        var name = m.String("name", required: true);
        if (name is null) return null;
        var options = m.Options("options");
        var label = m.String("label");
        var axes = new List<(string Key, List<string> Values)>();
        if (m.Get("grid") is { } gridNode)
        {
            if (gridNode is not YamlMappingNode grid) context.Error(gridNode, "'grid' must map option names to lists of values");
            else
                foreach (var (k, v) in grid.Children)
                {
                    var key = (k as YamlScalarNode)?.Value ?? "";
                    if (v is not YamlSequenceNode { Children.Count: > 0 } values) { context.Error(v, $"grid option '{key}' must be a non-empty list of values"); continue; }
                    if (options.ContainsKey(key)) context.Error(k, $"'{key}' is both an option and a grid axis");
                    var texts = values.Children.Select(YamlMap.OptionText).ToList();
                    if (texts.Any(t => t is null)) { context.Error(v, $"grid option '{key}' must list values"); continue; }
                    axes.Add((key, texts.Select(t => t!).ToList()));
                }
        }

        var variants = new List<AttributorSpec>();
        IEnumerable<List<(string Key, string Value)>> combinations = [[]];
        foreach (var (key, values) in axes)
            combinations = combinations.SelectMany(c => values.Select(v => new List<(string, string)>(c) { (key, v) }));
        foreach (var combination in combinations)
        {
            var variantOptions = new Dictionary<string, string>(options, StringComparer.Ordinal);
            foreach (var (key, value) in combination) variantOptions[key] = value;
            var suffix = combination.Count == 0 ? "" : $"[{string.Join(",", combination.Select(c => $"{c.Key}={c.Value}"))}]";
            variants.Add(new AttributorSpec(name, (label ?? name) + suffix, variantOptions, context.At(node)));
        }

        return variants;
    }

    private static MetricSpec? Metric(YamlNode node, YamlContext context)
    {
        if (Map(node, context, "metric", MetricKeys) is not { } m) return null;
        var name = m.String("name", required: true);
        if (name is null) return null;
        IReadOnlyList<string>? datasets = null;
        if (m.Get("datasets") is { } only)
        {
            datasets = only is YamlSequenceNode list && list.Children.All(c => c is YamlScalarNode)
                ? list.Children.Cast<YamlScalarNode>().Select(c => c.Value ?? "").ToList()
                : null;
            if (datasets is null) context.Error(only, "'datasets' must list dataset names");
        }

        return new MetricSpec(name, m.String("label") ?? name, m.Options("options"), context.At(node)) { Datasets = datasets };
    }

    private static IReadOnlyList<CellFilter> Filters(YamlMap top, string key, YamlContext context) =>
        top.Sequence(key).Select(node =>
        {
            if (node is not YamlMappingNode map) { context.Error(node, $"each '{key}' entry must be a mapping of model, dataset and/or attributor"); return null; }
            var m = new YamlMap(map, context, key, FilterKeys);
            var filter = new CellFilter(m.String("model"), m.String("dataset"), m.String("attributor"), context.At(node));
            if (filter is { Model: null, Dataset: null, Attributor: null }) context.Error(node, $"an empty '{key}' entry matches every cell");
            return filter;
        }).OfType<CellFilter>().ToList();

    private static void Unique(IEnumerable<(string Name, SourcePosition Position)> items, string what, YamlContext context)
    {
        foreach (var group in items.GroupBy(i => i.Name).Where(g => g.Count() > 1))
            context.Error(group.Skip(1).First().Position, $"the {what} '{group.Key}' appears more than once; give each a distinct name or label");
    }
}
