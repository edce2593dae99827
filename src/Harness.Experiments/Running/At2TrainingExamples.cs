using System.Text.Json;
using Harness.Attribution.Core;
using Harness.Data.Segmentation;
using Harness.Experiments.Store;
using Harness.Models;
using Harness.Models.Tokenization;
using Harness.Scoring;

namespace Harness.Experiments.Running;

/// <summary>
/// AT2's training examples from a run's frozen targets (the `targets` table: prompt ids, region, the explained response).
/// Every region token is a source, as AT2's training script attributes its contexts (scripts/train_context_at2.py,
/// SimpleContextAttributionTask with source_type="token"); the target is the whole response, or each of its sentences
/// as AT2's trainer splits it (split_target_by="sentence", at2/tasks/base.py get_sub_token_ranges): the prompt and the
/// response are encoded again (the ids the run explains, <see cref="ItemBuilder"/>), the response's characters split by
/// at2.utils.split_text (<see cref="ContextSentences.At2"/>), and a sentence is the tokens from the one holding its
/// first character to the one holding its last (char_to_token). Sentence k is then explained after the prompt and the
/// response's tokens before it, outside the region.
/// </summary>
public static class At2TrainingExamples
{
    /// <summary>The items frozen for <paramref name="dataset"/> in the run stored in <paramref name="runFolder"/>, of
    /// <paramref name="model"/> (the experiment's model name; may be null when the dataset was run on one model).</summary>
    public static IReadOnlyList<EvaluationItem> FrozenItems(string runFolder, string dataset, string? model)
    {
        if (!File.Exists(Path.Combine(runFolder, ResultStore.FileName))) throw new FileNotFoundException($"{runFolder} holds no result store ({ResultStore.FileName})");
        using var store = ResultStore.OpenReadOnly(runFolder);
        var runId = (store.RunRow() ?? throw new InvalidDataException($"the result store in {runFolder} holds no run"))["run_id"];
        var frozen = store.AllTargets(runId).Where(t => t.Dataset == dataset && (model is null || t.Model == model)).ToList();
        var items = frozen.Count switch
        {
            1 => JsonSerializer.Deserialize<List<EvaluationItem>>(frozen[0].ItemsJson)!,
            0 => throw new InvalidDataException($"the run in {runFolder} froze no targets for dataset '{dataset}'{(model is null ? "" : $" and model '{model}'")}"),
            _ => throw new InvalidDataException($"the run in {runFolder} froze targets of dataset '{dataset}' for models {string.Join(", ", frozen.Select(t => t.Model))}; name one with --run-model"),
        };
        // AT2 learns from whole responses; a `target: sequence` dataset froze one item per generation step instead.
        if (items.FirstOrDefault(i => i.Step != 0) is { } step)
            throw new InvalidDataException($"dataset '{dataset}' froze generation steps (example '{step.Key}': `target: sequence`); AT2 trains on whole targets, run it with `target: span`");
        return items;
    }

    /// <summary>The requests of one item: its whole target, or (<paramref name="sentences"/> given) one per sentence of
    /// the target's text, which needs the item's text and the tokenizer its prompt was encoded with.</summary>
    public static IReadOnlyList<AttributionRequest> Requests(EvaluationItem item, ILanguageModel model, Tokenizer? sentences)
    {
        if (sentences is null) return [new AttributionRequest(model, item.ContextIds, item.Target) { Region = item.Region }];
        if (item.TargetText is null) throw new InvalidDataException($"example '{item.Key}': the store keeps no target text (written before it was kept); run the experiment again");
        return SentenceRanges(item, sentences).Select(range =>
        {
            var (start, end) = (range.Start.Value, range.End.Value);
            var target = item.TargetIds[start..end];
            return new AttributionRequest(model, item.ContextIds.Concat(item.TargetIds[..start]).ToArray(),
                target.Length == 1 ? new AttributionTarget.Token(target[0]) : new AttributionTarget.Span(target)) { Region = item.Region };
        }).ToList();
    }

    /// <summary>The target's sentences as ranges of target positions (AT2's get_sub_target_token_ranges, relative).</summary>
    public static IReadOnlyList<Range> SentenceRanges(EvaluationItem item, Tokenizer tokenizer)
    {
        if (item.TargetText is null) throw new InvalidDataException($"example '{item.Key}': the store keeps no target text (written before it was kept); run the experiment again");
        var (text, tokens) = Encoded(item, tokenizer);
        var first = item.ContextIds.Length;
        var (start, end) = (tokens[first].Start, tokens[^1].End);
        var ranges = new List<Range>();
        foreach (var (from, to) in ContextSentences.At2(text[start..end]))
        {
            var (a, b) = (CharToToken(tokens, start + from), CharToToken(tokens, start + to - 1));
            if (a is null || b is null) throw new InvalidDataException($"example '{item.Key}': a sentence of the target starts or ends on a character no token holds");
            ranges.Add((a.Value - first)..(b.Value + 1 - first));
        }

        return ranges;
    }

    /// <summary>Fails naming the example unless <paramref name="tokenizer"/> encodes the item's prompt and target text to
    /// its ids (the model given is not the run's, or the item keeps no text); items without target text pass.</summary>
    public static void CheckTokenizer(EvaluationItem item, Tokenizer tokenizer)
    {
        if (item.TargetText is not null) Encoded(item, tokenizer);
    }

    /// <summary>The prompt's text and the target's encoded again, as the run made the target ids: with the tokenizer's
    /// special tokens for a raw prompt, without for a rendered chat prompt; the one whose ids are the item's.</summary>
    private static (string Text, IReadOnlyList<Token> Tokens) Encoded(EvaluationItem item, Tokenizer tokenizer)
    {
        var text = item.Text + item.TargetText;
        var expected = item.ContextIds.Concat(item.TargetIds).ToArray();
        foreach (var special in item.Layout is { } layout ? new[] { layout.SpecialTokens } : new[] { true, false })
        {
            var encoding = tokenizer.Encode(text, special);
            if (encoding.Ids.Select(i => (long)i).SequenceEqual(expected)) return (text, encoding.Tokens);
        }

        throw new InvalidDataException($"example '{item.Key}': the prompt and target text do not encode to the item's ids with this tokenizer, "
            + "so the target's sentences cannot be located; is it the run's model?");
    }

    /// <summary>The first token whose characters hold <paramref name="c"/> (tokenizers' char_to_token).</summary>
    private static int? CharToToken(IReadOnlyList<Token> tokens, int c)
    {
        for (var i = 0; i < tokens.Count; i++)
            if (tokens[i].Start <= c && c < tokens[i].End) return i;
        return null;
    }
}
