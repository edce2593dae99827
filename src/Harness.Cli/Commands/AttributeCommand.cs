using System.CommandLine;
using System.Text.Json;
using Harness.Attribution;
using Harness.Attribution.Core;
using Harness.Attribution.Methods;
using Harness.Data.Segmentation;
using Harness.Experiments.Outputs;
using Harness.Experiments.Running;
using Harness.Models;
using Harness.Models.Architectures.Roberta;
using Harness.Models.Tokenization;
using Harness.Scoring;

namespace Harness.Cli.Commands;

/// <summary>`harness attribute`: scores of one attributor for a prompt and a target (one token, a
/// span, or every step of a greedy generation), as a heatmap over the prompt or as JSON.</summary>
internal static class AttributeCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("MODEL") { Description = "A model directory (Hugging Face layout) or a model id in the local Hugging Face cache." };
        var prompt = new Option<string?>("--prompt") { Description = "The context as text (needs the folder's tokenizer.json; special tokens added)." };
        var ids = new Option<string?>("--ids") { Description = "The context as token ids, comma-separated." };
        var target = new Option<string?>("--target") { Description = "The target as text: one token, or a span explained through the sum of its log-probabilities." };
        var targetId = new Option<long?>("--target-id") { Description = "The target as one token id." };
        var generate = new Option<int?>("--generate") { Description = "Generate N tokens greedily and attribute each step (one row per step)." };
        var method = new Option<string>("--method") { Description = $"The attributor (`harness methods` lists each with its options): {string.Join(", ", AttributorRegistry.Names)}.", Required = true };
        var options = new Option<string[]>("--option") { Description = "A method option as key=value (repeatable), e.g. --option steps=128.", AllowMultipleArgumentsPerToken = false };
        var unit = new Option<string?>("--unit")
        {
            Description = "Score token (default), word, sentence (AT2's split) or context_cite_sentence (ContextCite's split) units; all but token need the tokenizer.",
        };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the method's random draws.", DefaultValueFactory = _ => 0 };
        var at2Estimator = new Option<string?>("--at2-estimator") { Description = "For --method at2: the folder `harness train-at2` wrote." };
        var maskedLm = new Option<string?>("--mlm")
        {
            Description = "A RoBERTa masked LM folder (config.json, model.safetensors, tokenizer.json) for reagent's mlm replacer; MODEL's tokenizer.json maps its proposals back.",
        };
        var json = CommandOptions.Json();
        var html = new Option<string?>("--html") { Description = "Also write the heatmap as a self-contained HTML page to this file." };
        var command = new Command("attribute", """
            Attribute a target to the prompt's tokens with one method; print a heatmap (one row per target step) or JSON.

            Examples:
              harness attribute experiments/models/tiny-gpt2 --ids 5,17,42,88 --target-id 7 --method saliency
              harness attribute MODEL_DIR --prompt "The capital of Tennessee is" --target " Nashville" --method integrated_gradients --option steps=128
              harness attribute MODEL_DIR --prompt "Once upon a time" --generate 5 --method attention --json
              harness attribute MODEL_DIR --prompt "Once upon a time" --generate 5 --method saliency --html heatmap.html
              harness attribute MODEL_DIR --prompt "Once upon a time" --generate 5 --method integrated_gradients --device cuda --dtype bfloat16
              harness attribute MODEL_DIR --prompt "Paris is in France. Rome is in" --target " Italy" --method occlusion --unit sentence
              harness attribute MODEL_DIR --prompt "The capital of Tennessee is" --target " Nashville" --method reagent --mlm ROBERTA_DIR
              harness attribute MODEL_DIR --ids 5,17,42,88 --target-id 7 --method at2 --at2-estimator AT2_DIR
            """);
        command.Arguments.Add(model);
        foreach (var o in new Option[] { prompt, ids, target, targetId, generate, method, options, unit, seed, maskedLm, at2Estimator, html, json }) command.Options.Add(o);
        var placement = ModelPlacement.AddTo(command);
        command.SetAction(r => CommandRunner.Run(() => Run(new Invocation(
            r.GetValue(model)!, r.GetValue(prompt), CommandOptions.ParseIds(r.GetValue(ids), "--ids"), r.GetValue(target), r.GetValue(targetId),
            r.GetValue(generate), r.GetValue(method)!, OptionPairs.Parse(r.GetValue(options) ?? []), ParseUnit(r.GetValue(unit)), r.GetValue(seed), r.GetValue(maskedLm), r.GetValue(at2Estimator), r.GetValue(html), r.GetValue(json), placement(r)))));
        return command;
    }

    private sealed record Invocation(string Model, string? Prompt, long[]? Ids, string? Target, long? TargetId, int? Generate,
        string Method, IReadOnlyDictionary<string, string> Options, SourceUnit Unit, ulong Seed, string? MaskedLm, string? At2Estimator, string? Html, bool Json, ModelPlacement Placement);

    /// <summary>One target step: its ids, the attribution, and the text of each scored source.</summary>
    private sealed record Row(IReadOnlyList<long> TargetIds, AttributionResult Result, IReadOnlyList<string> Labels, IReadOnlyList<string> Tokens);

    private static int Run(Invocation call)
    {
        if ((call.Prompt is null) == (call.Ids is null)) throw new UsageException("give the context with exactly one of --prompt TEXT and --ids 1,2,3");
        if (new object?[] { call.Target, call.TargetId, call.Generate }.Count(x => x is not null) != 1)
            throw new UsageException("give the target with exactly one of --target TEXT, --target-id N and --generate N");
        if (call.Generate is < 1) throw new UsageException("--generate needs at least 1 token");
        if (call.At2Estimator is not null && call.Method != At2.MethodName) throw new UsageException("--at2-estimator is for --method at2");
        var directory = ModelLocator.Resolve(call.Model);
        var tokenizerPath = Path.Combine(directory, "tokenizer.json");
        var tokenizer = File.Exists(tokenizerPath) ? Tokenizer.FromFile(tokenizerPath) : null;
        if ((call.Prompt is not null || call.Target is not null) && tokenizer is null)
            throw new UsageException($"--prompt and --target need {tokenizerPath}, which does not exist; use --ids and --target-id");
        using var maskedLm = LoadMaskedLm(call.MaskedLm, tokenizer, tokenizerPath, call.Placement);
        var attributor = AttributorRegistry.Create(call.Method, call.Options, new AttributorResources
        {
            MaskedLm = maskedLm?.Resource,
            PosTags = new Lazy<Harness.Attribution.Methods.PosTagMap>(() => Harness.Attribution.Methods.PosTagMap.ForModel(directory)),
            At2Estimator = call.At2Estimator is { } at2Path ? At2Estimator.Load(at2Path) : null,
            EosTokenId = GenerationConfig.ConfigEosTokenId(directory),
        });

        if (call.Unit != SourceUnit.Token && tokenizer is null)
            throw new UsageException($"--unit {OptionBinder.SnakeCase(call.Unit.ToString())} needs the token offsets of {tokenizerPath}, which does not exist");
        if (call.Unit != SourceUnit.Token && call.Prompt is null)
            throw new UsageException($"--unit {OptionBinder.SnakeCase(call.Unit.ToString())} groups the prompt's text into units: give --prompt (with --ids there is no text to segment, only decoded tokens)");
        var encoding = call.Prompt is null ? null : tokenizer!.Encode(call.Prompt, addSpecialTokens: true);
        var context = call.Ids ?? encoding!.Ids.Select(i => (long)i).ToArray();
        if (context.Length == 0)
            throw new UsageException(call.Ids is not null ? "--ids gives no token id: give the context's ids, e.g. --ids 5,17,42" : "--prompt encodes to no token: give the text to attribute");
        using var model = call.Placement.Load(directory);
        var rows = new List<Row>();
        // A long attribution (ReAGent, integrated gradients with many steps) reports on standard error once it has run 10 s.
        var progressLine = new AttributionProgressLine(TimeProvider.System);
        var progress = new SynchronousProgress<AttributionProgress>(p =>
        {
            if (progressLine.DueForLog()) Console.Error.WriteLine($"  {call.Method}: {progressLine.Describe(p)}");
        });
        var baseRequest = new AttributionRequest(model, context, new AttributionTarget.Token(0)) { Seed = call.Seed, Progress = progress };
        Row Attribute(IReadOnlyList<long> contextIds, long[] targetIds)
        {
            progressLine.Restart();
            var (text, tokens) = ContinuedText.Of(call.Prompt, encoding, contextIds, tokenizer);
            var sources = SourceSegmenter.Segment(text, tokens, 0, contextIds.Count, call.Unit);
            if (sources.Count == 0)
                throw new UsageException("--unit sentence finds no sentence in the context (AT2's split leaves out parts without a letter, such as \"12 + 30 =\"); use --unit word or token");
            AttributionTarget target = targetIds.Length == 1 ? new AttributionTarget.Token(targetIds[0]) : new AttributionTarget.Span(targetIds);
            var request = baseRequest with
            {
                ContextIds = contextIds,
                Target = target,
                Sources = call.Unit == SourceUnit.Token ? null : sources,
                ContextText = tokenizer is null ? null : new ContextText(text, tokens.Select(t => t.Offsets).ToList()),
                SourceText = PromptText(call, tokenizer, contextIds.Count == context.Length ? sources.Spans : null),
            };
            return new Row(targetIds, attributor.Attribute(request), sources.Labels!, tokens.Select(t => text[t.Start..t.End]).ToList());
        }

        if (call.Generate is { } steps)
        {
            // The runner's sequence targets (ItemBuilder), every step and no end-of-sequence cut: each generated token over its prefix.
            foreach (var step in ItemBuilder.Continuation(model, context, steps, eosIds: [], stride: 1).Steps)
                rows.Add(Attribute(step.ContextIds, [step.TargetId]));
        }
        else
        {
            var targetIds = call.TargetId is { } id ? [id] : tokenizer!.Encode(call.Target!, addSpecialTokens: false).Ids.Select(i => (long)i).ToArray();
            if (targetIds.Length == 0) throw new UsageException("--target gives no tokens");
            rows.Add(Attribute(context, targetIds));
        }

        if (call.Json) PrintJson(call, encoding, rows, tokenizer);
        else PrintHeatmap(call.Method, rows, tokenizer);
        if (call.Html is { } page)
        {
            AtomicFile.WriteAllText(page, HeatmapHtml.Page(call.Method, rows.Select(r =>
                new HeatmapHtml.Row(string.Concat(r.TargetIds.Select(id => TokenText(tokenizer, id))), r.Labels, r.Result.Scores)).ToList()));
            Console.Error.WriteLine($"heatmap written to {page}");
        }
        return 0;
    }

    /// <summary>The masked LM of --mlm (in the model's dtype, on its device) with its tokenizer and the model's, or null without --mlm.</summary>
    private static LoadedMaskedLm? LoadMaskedLm(string? folder, Tokenizer? modelTokenizer, string modelTokenizerPath, ModelPlacement placement)
    {
        if (folder is null) return null;
        if (modelTokenizer is null)
            throw new UsageException($"--mlm maps the masked LM's proposals back through the model's tokenizer, and {modelTokenizerPath} does not exist");
        var directory = ModelLocator.Resolve(folder);
        var tokenizerPath = Path.Combine(directory, "tokenizer.json");
        if (!File.Exists(tokenizerPath)) throw new UsageException($"--mlm needs the masked LM's {tokenizerPath}, which does not exist");
        var tokenizer = Tokenizer.FromFile(tokenizerPath);
        var model = RobertaMaskedLm.Load(directory, placement.DType, placement.Device);
        return new LoadedMaskedLm(new MaskedLmReplacerModel(model, tokenizer, modelTokenizer));
    }

    /// <summary>The --mlm resource; disposing it frees the masked LM.</summary>
    private sealed record LoadedMaskedLm(MaskedLmReplacerModel Resource) : IDisposable
    {
        public void Dispose() => Resource.Model.Dispose();
    }

    /// <summary>--unit as experiment files spell it (snake_case); null is a token unit.</summary>
    private static SourceUnit ParseUnit(string? text) => text is null
        ? SourceUnit.Token
        : OptionBinder.ParseEnum<SourceUnit>(text) ?? throw new UsageException($"--unit '{text}' is not one of {string.Join(", ", OptionBinder.EnumNames<SourceUnit>())}");

    /// <summary>The prompt's text ablation (ContextCite's `ablation: text`, context_cite's default) over the sources'
    /// characters: the whole prompt is the context, encoded again as it was (its special tokens added); null for --ids,
    /// for a generation step past the prompt (null spans) and where two sources share a character.</summary>
    private static SourceTextAblation? PromptText(Invocation call, Tokenizer? tokenizer, IReadOnlyList<(int Start, int End)>? spans) =>
        call.Prompt is { } prompt && tokenizer is not null && spans is not null && SourceTextAblation.Ordered(spans)
            ? new SourceTextAblation(prompt, (0, prompt.Length), spans, text => tokenizer.Encode(text, addSpecialTokens: true).Ids.Select(i => (long)i).ToArray())
            : null;

    private static string TokenText(Tokenizer? tokenizer, long id) => tokenizer?.IdToToken((int)id) ?? $"[{id}]";

    private static void PrintJson(Invocation call, Harness.Models.Tokenization.Encoding? encoding, List<Row> rows, Tokenizer? tokenizer)
    {
        var document = new Dictionary<string, object?>
        {
            ["method"] = call.Method,
            ["options"] = call.Options,
            ["seed"] = call.Seed,
            ["unit"] = OptionBinder.SnakeCase(call.Unit.ToString()),
            ["tokens"] = rows[^1].Tokens,
            ["offsets"] = encoding?.Tokens.Select(t => new[] { t.Start, t.End }).ToList(),
            ["rows"] = rows.Select(r => new Dictionary<string, object?>
            {
                ["target_ids"] = r.TargetIds,
                ["target_tokens"] = r.TargetIds.Select(id => TokenText(tokenizer, id)).ToList(),
                ["sources"] = call.Unit == SourceUnit.Token ? null : r.Labels,
                ["scores"] = r.Result.Scores,
                ["cost"] = new Dictionary<string, object>
                {
                    ["wall_time_ms"] = r.Result.Cost.WallTime.TotalMilliseconds,
                    ["forward_passes"] = r.Result.Cost.ForwardPasses,
                    ["backward_passes"] = r.Result.Cost.BackwardPasses,
                    ["tokens_processed"] = r.Result.Cost.TokensProcessed,
                    ["peak_memory_bytes"] = r.Result.Cost.PeakMemoryBytes,
                    ["device"] = r.Result.Cost.Device,
                    ["dtype"] = r.Result.Cost.DType,
                },
                ["diagnostics"] = r.Result.Diagnostics,
            }).ToList(),
        };
        Console.WriteLine(JsonSerializer.Serialize(document));
    }

    /// <summary>Per target step the heatmap row (<see cref="TerminalHeatmap"/>: coloured on a terminal, "[text score]"
    /// when output is redirected), wrapped at the terminal's width (100 when redirected), then the step's cost.</summary>
    private static void PrintHeatmap(string method, List<Row> rows, Tokenizer? tokenizer)
    {
        var colour = !Console.IsOutputRedirected;
        var width = Console.IsOutputRedirected ? RunSummaryTable.Width : Math.Max(Console.WindowWidth, 40);
        Console.WriteLine($"{method}: {rows[0].Labels.Count} sources, {rows.Count} target step(s)");
        foreach (var row in rows)
        {
            var target = string.Concat(row.TargetIds.Select(id => TokenText(tokenizer, id)));
            foreach (var line in TerminalHeatmap.Lines(target, row.Labels, row.Result.Scores, colour, width)) Console.WriteLine(line);
            var cost = row.Result.Cost;
            Console.WriteLine($"    {cost.WallTime.TotalMilliseconds:F0} ms, {cost.ForwardPasses} forward, {cost.BackwardPasses} backward, {cost.TokensProcessed} tokens");
        }
    }
}
