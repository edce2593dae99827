using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Harness.Evaluation;
using Harness.Evaluation.Core;
using Harness.Models;
using Harness.Models.Tokenization;

namespace Harness.Cli.Commands;

/// <summary>`harness evaluate`: a metric on scores made anywhere (metrics issue item 7), for one example
/// given on the command line or for every line of a JSONL scores file; prints the value and its parts
/// (Soft metrics: s0, ss or sc; AOPC: the value at each threshold), the flags, and for a file the mean
/// of the unflagged values.</summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("MODEL") { Description = "A model directory (Hugging Face layout) or a model id in the local Hugging Face cache." };
        var prompt = new Option<string?>("--prompt") { Description = "The context as text (needs the folder's tokenizer.json; special tokens added)." };
        var ids = new Option<string?>("--ids") { Description = "The context as token ids, comma-separated." };
        var target = new Option<string?>("--target") { Description = "The target as text (one token, or a span)." };
        var targetId = new Option<long?>("--target-id") { Description = "The target as one token id." };
        var scores = new Option<string?>("--scores") { Description = "One score per attributed position, comma-separated." };
        var scoresFile = new Option<string?>("--scores-file") { Description = "A JSONL file, one example per line: {\"ids\"|\"prompt\", \"target_id\"|\"target_ids\"|\"target\", \"scores\", \"region\"?, \"rationale\"?, \"id\"?}." };
        var region = new Option<string?>("--region") { Description = "The attributed token positions as START:END (end exclusive); the whole context when absent." };
        var rationale = new Option<string?>("--rationale") { Description = "Rationale token positions within the region, comma-separated (plausibility)." };
        var metric = new Option<string>("--metric") { Description = $"The metric (`harness methods` lists each with its options): {string.Join(", ", MetricRegistry.Names)}.", Required = true };
        var options = new Option<string[]>("--option") { Description = "A metric option as key=value (repeatable), e.g. --option samples=4." };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the metric's random draws (masks).", DefaultValueFactory = _ => 0 };
        var batchSize = new Option<int>("--batch-size") { Description = "Perturbed sequences per forward pass.", DefaultValueFactory = _ => 16 };
        var json = CommandOptions.Json();
        var command = new Command("evaluate", """
            Evaluate attribution scores (from this harness or any other tool) with one metric.

            Examples:
              harness evaluate experiments/models/tiny-gpt2 --ids 5,17,42,88 --target-id 7 --scores 0.1,0.5,0.2,0.2 --metric soft_ns
              harness evaluate MODEL_DIR --prompt "The capital of Tennessee is" --target " Nashville" --scores 0,0,0,0.9,0.1 --metric aopc_comprehensiveness --json
              harness evaluate MODEL_DIR --scores-file scores.jsonl --metric lds --option masks=32 --seed 3
              harness evaluate MODEL_DIR --scores-file scores.jsonl --metric soft_ns --device cuda --dtype bfloat16
            """);
        command.Arguments.Add(model);
        foreach (var o in new Option[] { prompt, ids, target, targetId, scores, scoresFile, region, rationale, metric, options, seed, batchSize, json }) command.Options.Add(o);
        var placement = ModelPlacement.AddTo(command);
        command.SetAction(r => CommandRunner.Run(() => Run(new Invocation(
            r.GetValue(model)!, r.GetValue(prompt), CommandOptions.ParseIds(r.GetValue(ids), "--ids"), r.GetValue(target), r.GetValue(targetId),
            r.GetValue(scores), r.GetValue(scoresFile), r.GetValue(region), r.GetValue(rationale), r.GetValue(metric)!,
            OptionPairs.Parse(r.GetValue(options) ?? []), r.GetValue(seed), r.GetValue(batchSize), r.GetValue(json), placement(r)))));
        return command;
    }

    private sealed record Invocation(string Model, string? Prompt, long[]? Ids, string? Target, long? TargetId, string? Scores, string? ScoresFile,
        string? Region, string? Rationale, string Metric, IReadOnlyDictionary<string, string> Options, ulong Seed, int BatchSize, bool Json, ModelPlacement Placement);

    private static int Run(Invocation call)
    {
        var metric = MetricRegistry.Create(call.Metric, call.Options);
        if (call.BatchSize < 1) throw new UsageException($"--batch-size must be at least 1, got {call.BatchSize}");
        var lines = call.ScoresFile is null ? [SingleLine(call)] : ReadFile(call);
        var directory = ModelLocator.Resolve(call.Model);
        var tokenizerPath = Path.Combine(directory, "tokenizer.json");
        var tokenizer = File.Exists(tokenizerPath) ? Tokenizer.FromFile(tokenizerPath) : null;
        var generation = GenerationConfig.Read(directory);
        using var model = call.Placement.Load(directory);

        var results = new List<(string Id, MetricResult Result)>();
        foreach (var line in lines)
        {
            if ((line.Prompt is not null || line.Target is not null) && tokenizer is null)
                throw new UsageException($"{line.Id}: a text prompt or target needs {tokenizerPath}, which does not exist; give token ids");
            var context = line.Ids ?? tokenizer!.Encode(line.Prompt!, addSpecialTokens: true).Ids.Select(i => (long)i).ToArray();
            var targetIds = line.TargetIds ?? tokenizer!.Encode(line.Target!, addSpecialTokens: false).Ids.Select(i => (long)i).ToArray();
            if (targetIds.Length == 0) throw new UsageException($"{line.Id}: the target gives no tokens");
            if (line.Region is { } region && region.End.Value > context.Length)
                throw new UsageException($"{line.Id}: the region {region.Start.Value}:{region.End.Value} reaches past the context's {context.Length} tokens");
            var input = new MetricInput(model, context, EvaluationLine.TargetFrom(targetIds), line.Scores)
            {
                Region = line.Region,
                Seed = call.Seed,
                BatchSize = call.BatchSize,
                RationalePositions = line.Rationale,
                BosId = generation?.BosTokenId,
                PadId = generation?.PadTokenId,
            };
            results.Add((line.Id, metric.Evaluate(input)));
        }

        if (call.Json) PrintJson(call, results);
        else PrintText(call, results);
        return 0;
    }

    private static EvaluationLine SingleLine(Invocation call)
    {
        if ((call.Prompt is null) == (call.Ids is null)) throw new UsageException("give the context with exactly one of --prompt TEXT and --ids 1,2,3 (or a --scores-file)");
        if ((call.Target is null) == (call.TargetId is null)) throw new UsageException("give the target with exactly one of --target TEXT and --target-id N");
        if (call.Scores is null) throw new UsageException("give the scores with --scores 0.1,0.5,... or a --scores-file");
        float[] scores;
        try
        {
            scores = call.Scores.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(s => float.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
        }
        catch (FormatException)
        {
            throw new UsageException($"--scores expects comma-separated numbers, e.g. --scores 0.1,0.5,0.4; got '{call.Scores}'");
        }

        return new EvaluationLine("command line", call.Ids, call.Prompt, call.TargetId is { } id ? [id] : null, call.Target, scores,
            ParseRegion(call.Region), CommandOptions.ParseIds(call.Rationale, "--rationale")?.Select(i => (int)i).ToArray() ?? []);
    }

    private static List<EvaluationLine> ReadFile(Invocation call)
    {
        if (call.Prompt is not null || call.Ids is not null || call.Target is not null || call.TargetId is not null || call.Scores is not null)
            throw new UsageException("--scores-file carries the contexts, targets and scores itself; drop --prompt/--ids/--target/--target-id/--scores");
        if (!File.Exists(call.ScoresFile)) throw new UsageException($"the scores file {call.ScoresFile} does not exist");
        var lines = new List<EvaluationLine>();
        var number = 0;
        foreach (var text in File.ReadLines(call.ScoresFile!))
        {
            number++;
            if (!string.IsNullOrWhiteSpace(text)) lines.Add(EvaluationLine.Parse(text, call.ScoresFile!, number));
        }

        return lines.Count > 0 ? lines : throw new UsageException($"the scores file {call.ScoresFile} holds no examples");
    }

    private static Range? ParseRegion(string? text)
    {
        if (text is null) return null;
        var parts = text.Split(':');
        if (parts.Length == 2 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var start) && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var end) && start >= 0 && end >= start)
            return start..end;
        throw new UsageException($"--region expects START:END token positions (end exclusive), e.g. --region 2:7; got '{text}'");
    }

    /// <summary>Mean of the unflagged values (flagged ones are never averaged in, spec/metrics.md section 8).</summary>
    private static (double Mean, int Used) UnflaggedMean(List<(string Id, MetricResult Result)> results)
    {
        var used = results.Where(r => !r.Result.IsFlagged && double.IsFinite(r.Result.Value)).Select(r => r.Result.Value).ToArray();
        return (used.Length == 0 ? double.NaN : used.Average(), used.Length);
    }

    private static void PrintText(Invocation call, List<(string Id, MetricResult Result)> results)
    {
        string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
        foreach (var (id, result) in results)
        {
            var parts = string.Join(", ", result.Parts.Select(p => $"{p.Key} = {F(p.Value)}"));
            var flags = result.Flags.Count == 0 ? "" : $"  [flagged: {string.Join(", ", result.Flags)}]";
            Console.WriteLine($"{TerminalText.Visible(id)}: {call.Metric} = {F(result.Value)}{(parts.Length > 0 ? $"  ({parts})" : "")}{flags}");
            Console.WriteLine($"    {result.Cost.WallTime.TotalMilliseconds:F0} ms, {result.Cost.ForwardPasses} forward passes, {result.Cost.TokensProcessed} tokens");
        }

        if (results.Count > 1)
        {
            var (mean, used) = UnflaggedMean(results);
            Console.WriteLine($"mean {call.Metric} = {F(mean)} over {used} of {results.Count} examples ({results.Count - used} flagged, left out)");
        }
    }

    private static void PrintJson(Invocation call, List<(string Id, MetricResult Result)> results)
    {
        var (mean, used) = UnflaggedMean(results);
        var document = new Dictionary<string, object?>
        {
            ["metric"] = call.Metric,
            ["options"] = call.Options,
            ["seed"] = call.Seed,
            ["results"] = results.Select(r => new Dictionary<string, object?>
            {
                ["id"] = r.Id,
                ["value"] = Finite(r.Result.Value),
                ["parts"] = r.Result.Parts.ToDictionary(p => p.Key, p => Finite(p.Value)),
                ["flags"] = r.Result.Flags,
                ["cost"] = new Dictionary<string, object>
                {
                    ["wall_time_ms"] = r.Result.Cost.WallTime.TotalMilliseconds,
                    ["forward_passes"] = r.Result.Cost.ForwardPasses,
                    ["tokens_processed"] = r.Result.Cost.TokensProcessed,
                    ["device"] = r.Result.Cost.Device,
                    ["dtype"] = r.Result.Cost.DType,
                },
            }).ToList(),
            ["mean"] = Finite(mean),
            ["examples_used"] = used,
            ["examples_flagged"] = results.Count - used,
        };
        Console.WriteLine(JsonSerializer.Serialize(document));
    }

    /// <summary>JSON has no NaN: a missing value is null.</summary>
    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
