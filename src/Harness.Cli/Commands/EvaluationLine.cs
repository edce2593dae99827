using System.Text.Json;
using Harness.Attribution.Core;
using Harness.Scoring;

namespace Harness.Cli.Commands;

/// <summary>
/// One line of a `harness evaluate --scores-file` JSONL file: scores made anywhere (another toolkit
/// included) for one example. Fields: "id" (optional), exactly one of "ids" (token ids) and "prompt"
/// (text, needs tokenizer.json), exactly one of "target_id", "target_ids" and "target" (text),
/// "scores" (one per attributed position), and optionally "region" [start, end) in tokens and
/// "rationale" (token positions within the region, for plausibility).
/// </summary>
internal sealed record EvaluationLine(string Id, long[]? Ids, string? Prompt, long[]? TargetIds, string? Target, float[] Scores, Range? Region, int[] Rationale)
{
    public static EvaluationLine Parse(string json, string file, int lineNumber)
    {
        string Where() => $"{file}:{lineNumber}";
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new UsageException($"{Where()}: not valid JSON ({e.Message})");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new UsageException($"{Where()}: expected a JSON object per line");
            T[]? Array<T>(string name, Func<JsonElement, T> read)
            {
                if (!root.TryGetProperty(name, out var value)) return null;
                if (value.ValueKind != JsonValueKind.Array) throw new UsageException($"{Where()}: \"{name}\" must be an array of numbers");
                try
                {
                    return value.EnumerateArray().Select(read).ToArray();
                }
                catch (Exception e) when (e is InvalidOperationException or FormatException)
                {
                    throw new UsageException($"{Where()}: \"{name}\" must be an array of numbers");
                }
            }

            string? Text(string name) => root.TryGetProperty(name, out var value)
                ? value.ValueKind == JsonValueKind.String ? value.GetString() : throw new UsageException($"{Where()}: \"{name}\" must be a string")
                : null;

            var ids = Array("ids", e => e.GetInt64());
            var prompt = Text("prompt");
            if ((ids is null) == (prompt is null)) throw new UsageException($"{Where()}: give exactly one of \"ids\" and \"prompt\"");
            var targetIds = Array("target_ids", e => e.GetInt64());
            if (root.TryGetProperty("target_id", out var single))
            {
                if (targetIds is not null) throw new UsageException($"{Where()}: give only one of \"target_id\", \"target_ids\" and \"target\"");
                targetIds = single.TryGetInt64(out var id) ? [id] : throw new UsageException($"{Where()}: \"target_id\" must be an integer");
            }

            var target = Text("target");
            if ((targetIds is null) == (target is null)) throw new UsageException($"{Where()}: give exactly one of \"target_id\", \"target_ids\" and \"target\"");
            var scores = Array("scores", e => e.GetSingle()) ?? throw new UsageException($"{Where()}: \"scores\" is missing");
            var region = Array("region", e => e.GetInt32());
            if (region is not null && (region.Length != 2 || region[0] < 0 || region[1] < region[0]))
                throw new UsageException($"{Where()}: \"region\" must be [start, end) with 0 <= start <= end");
            return new EvaluationLine(Text("id") ?? $"line {lineNumber}", ids, prompt, targetIds, target, scores,
                region is null ? null : region[0]..region[1], Array("rationale", e => e.GetInt32()) ?? []);
        }
    }

    public static AttributionTarget TargetFrom(long[] targetIds) =>
        targetIds.Length == 1 ? new AttributionTarget.Token(targetIds[0]) : new AttributionTarget.Span(targetIds);
}
