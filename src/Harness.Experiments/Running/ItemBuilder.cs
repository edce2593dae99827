using Harness.Data.Examples;
using Harness.Data.Segmentation;
using Harness.Evaluation.Protocols;
using Harness.Experiments.Schema;
using Harness.Models;
using Harness.Models.Chat;
using Harness.Models.Tokenization;
using Harness.Scoring;

namespace Harness.Experiments.Running;

/// <summary>
/// Turns an example into the items a cell evaluates, for one model: the prompt encoded with the
/// model's tokenizer (special tokens added; a pre-tokenized prompt's ids as they are), its region, sources and rationale mapped from character
/// spans to token positions, and the targets of the dataset's mode: token (the first token of the
/// example's target, else the model's greedy next token), span (every token of the target, else a
/// greedy continuation of max_new_tokens, encoded again with the prompt as AT2 and ContextCite do, <see cref="ResponseIds"/>) or sequence (spec/metrics.md section 1: every stride-th
/// token of a greedy continuation, over its whole prefix). `target_source` picks whose continuation a token or span
/// target is (<see cref="TargetSource"/>); `only_correct` drops the examples whose gold first token is not the
/// model's greedy next token (no item), with ReAGent's LongRA conditions where the example has them (<see cref="IsCorrect"/>).
/// Each item keeps its target's text, generated text included.
/// </summary>
public static class ItemBuilder
{
    /// <summary>The items of <paramref name="example"/> under <paramref name="model"/>: generation stops at any of <paramref name="eosIds"/>, and <paramref name="chat"/>, when given, formats the prompt as a chat turn.</summary>
    public static IReadOnlyList<EvaluationItem> Build(Example example, DatasetSpec dataset, ILanguageModel model, Tokenizer tokenizer, IReadOnlyCollection<long> eosIds,
        ChatTemplate? chat = null)
    {
        Harness.Models.Tokenization.Encoding encoding;
        if (example.PromptIds is { } promptIds)
        {
            // Pre-tokenized: the model reads exactly the given ids, which no chat template can render.
            if (dataset.Chat == true) throw new InvalidOperationException($"example '{example.Id}': its prompt is token ids, which a chat template cannot render; set chat: false");
            chat = null;
            EnsureInVocabulary(example.Id, "ids", promptIds, model);
            (example, encoding) = TokenIdPrompt.Render(example, tokenizer);
        }
        else
        {
            // A rendered chat prompt carries its own special tokens (transformers encodes it with add_special_tokens=False).
            if (chat is not null) example = ChatPrompt.Apply(example, chat, dataset.System);
            encoding = tokenizer.Encode(example.Prompt, addSpecialTokens: chat is null);
        }

        var context = encoding.Ids.Select(i => (long)i).ToArray();
        if (context.Length == 0) throw new InvalidOperationException($"example '{example.Id}': the prompt encodes to no tokens");
        if (dataset.Target == TargetMode.Sequence)
        {
            var (generated, steps) = Continuation(model, context, dataset.MaxNewTokens, eosIds, dataset.Stride);
            var (continued, spans) = TextWithContinuation(example.Prompt, encoding, generated, tokenizer);
            // Under a chat template a step's sources are the user text's tokens and the response's tokens before it: the
            // template's header, the end of the user turn and the generation prompt are context, never sources.
            var (first, userEnd) = example.Region is { } userText && chat is not null ? TokenRange(encoding, userText, example.Id) : (0, context.Length);
            var templated = userEnd < context.Length;
            return steps
                .Select(s =>
                {
                    var positions = templated
                        ? Enumerable.Range(first, userEnd - first).Concat(Enumerable.Range(context.Length, s.ContextIds.Count - context.Length)).ToArray()
                        : null;
                    return new EvaluationItem(example.Id, s.GeneratedIndex, s.ContextIds.ToArray(), [s.TargetId], first, s.ContextIds.Count,
                        positions?.Select(p => new[] { p - first }).ToArray(), positions?.Select(p => continued[spans[p][0]..spans[p][1]]).ToArray(), [],
                        example.Task, continued[..spans[..s.ContextIds.Count].Max(span => span[1])], spans[..s.ContextIds.Count],
                        example.LabelSet.ToArray(), example.Answers.ToArray(), []);
                })
                .ToList();
        }

        var (regionStart, regionEnd) = example.Region is { } region ? TokenRange(encoding, region, example.Id) : (0, context.Length);
        var sources = Sources(example, dataset.Unit, encoding, regionStart, regionEnd - regionStart);
        var rationale = Enumerable.Range(regionStart, regionEnd - regionStart)
            .Where(i => example.Rationale.Any(span => Overlaps(encoding.Tokens[i], span))).Select(i => i - regionStart).ToArray();
        if (example.TargetIds is { } targetIds) EnsureInVocabulary(example.Id, "target_ids", targetIds, model);
        var gold = example.TargetIds?.Select(i => (long)i).ToArray() ?? (example.Target is { } text ? Encode(tokenizer, text, example.Id) : null);
        if (dataset.OnlyCorrect)
        {
            if (gold is null) throw new InvalidOperationException($"example '{example.Id}': only_correct compares the model's next token with the example's target, and it has none");
            if (!IsCorrect(example, model, tokenizer, encoding, context, gold[0])) return [];
        }

        var target = dataset.TargetSource switch
        {
            TargetSource.Prediction => [PredictedLabel(example, model, context, tokenizer)],
            TargetSource.Gold when gold is not null => dataset.Target == TargetMode.Token ? gold[..1] : gold,
            _ when dataset.Target == TargetMode.Token => SequenceProtocol.Generate(model, context, 1, eosIds).ToArray(),
            _ => ResponseIds(example.Prompt, context, SequenceProtocol.Generate(model, context, dataset.MaxNewTokens, eosIds).ToArray(), tokenizer, chat is null),
        };
        if (target.Length == 0) throw new InvalidOperationException($"example '{example.Id}': the model's continuation starts with end-of-sequence: nothing to explain");

        return [new EvaluationItem(example.Id, 0, context, target, regionStart, regionEnd, sources?.Groups.ToArray(), sources?.Labels?.ToArray(), rationale,
            example.Task, example.Prompt, encoding.Tokens.Select(t => new[] { t.Start, t.End }).ToArray(),
            example.LabelSet.ToArray(), example.Answers.ToArray(), SupportingSources(example, sources))
        {
            TargetText = tokenizer.Decode(target.Select(i => (int)i).ToList(), skipSpecialTokens: false),
            Layout = example.PromptIds is null ? Layout(example, encoding, regionStart, regionEnd, sources, addSpecialTokens: chat is null) : null,
        }];
    }

    /// <summary>
    /// The ids of a generated response as AT2 and ContextCite attribute them: the response's text is the decoded prompt and
    /// response (special tokens kept) after the decoded prompt's length, the prompt's text and it are encoded again, and the
    /// response is the ids after the prompt's (at2/tasks/base.py generate, get_tokens and generation_token_start;
    /// context-cite context_citer.py _output and _response_ids). They are the generated ids unless the model spelled its
    /// text in other pieces than the tokenizer does (" Par" "is" for " Paris"); an empty re-encoding keeps the generated ids.
    /// </summary>
    internal static long[] ResponseIds(string prompt, long[] context, long[] generated, Tokenizer tokenizer, bool addSpecialTokens)
    {
        var promptText = tokenizer.Decode(context.Select(i => (int)i).ToList(), skipSpecialTokens: false);
        var fullText = tokenizer.Decode(context.Concat(generated).Select(i => (int)i).ToList(), skipSpecialTokens: false);
        if (!fullText.StartsWith(promptText, StringComparison.Ordinal)) return generated;
        var ids = tokenizer.Encode(prompt + fullText[promptText.Length..], addSpecialTokens).Ids;
        return ids.Count > context.Length ? ids.Skip(context.Length).Select(i => (long)i).ToArray() : generated;
    }

    /// <summary>A greedy continuation of <paramref name="context"/> (cut before end-of-sequence) and its evaluated steps:
    /// every <paramref name="stride"/>-th generated token with the prefix before it (spec/metrics.md section 1).
    /// `harness attribute --generate` attributes the same steps, at stride 1.</summary>
    public static (IReadOnlyList<long> Generated, IReadOnlyList<SequenceStep> Steps) Continuation(ILanguageModel model, IReadOnlyList<long> context, int maxNewTokens,
        IReadOnlyCollection<long> eosIds, int stride)
    {
        var generated = SequenceProtocol.Generate(model, context, maxNewTokens, eosIds);
        return (generated, SequenceProtocol.Steps(context, generated, stride));
    }

    private static void EnsureInVocabulary(string exampleId, string field, IReadOnlyList<int> ids, ILanguageModel model)
    {
        if (ids.FirstOrDefault(id => id >= model.VocabSize, -1) is var id and >= 0)
            throw new InvalidOperationException($"example '{exampleId}': {field} holds token id {id}, outside the model's vocabulary (0 to {model.VocabSize - 1})");
    }

    private static long[] Encode(Tokenizer tokenizer, string text, string exampleId)
    {
        var ids = tokenizer.Encode(text, addSpecialTokens: false).Ids.Select(i => (long)i).ToArray();
        return ids.Length > 0 ? ids : throw new InvalidOperationException($"example '{exampleId}': the target '{text}' encodes to no tokens");
    }

    /// <summary>The label word the model ranks first after the prompt: each label spelled as the gold target is (its
    /// leading whitespace, a space when the example has no target), its first token's next-token logit compared.</summary>
    private static long PredictedLabel(Example example, ILanguageModel model, long[] context, Tokenizer tokenizer)
    {
        if (example.LabelSet.Count == 0)
            throw new InvalidOperationException($"example '{example.Id}': target_source prediction picks among label words, and this example has none (a classification reader gives them)");
        var lead = example.Target is { } gold ? gold[..(gold.Length - gold.TrimStart().Length)] : " ";
        var candidates = example.LabelSet.Select(label => Encode(tokenizer, lead + label, example.Id)[0]).ToArray();
        using var scope = Harness.Torch.torch.NewDisposeScope();
        var logits = NextTokenLogits(model, context).to(Harness.Torch.ScalarType.Float64).cpu().ToArray<double>();
        var best = 0;
        for (var i = 1; i < candidates.Length; i++)
            if (logits[candidates[i]] > logits[candidates[best]]) best = i;
        return candidates[best];
    }

    /// <summary>
    /// `only_correct`: the model's greedy next token is the gold one; for an example with a distractor (LongRA), also with
    /// the distractor's tokens removed, and only when each of its single-token words is one token of the model's
    /// tokenizer. ReAGent src/data/prepare_evaluation_analogy.py keeps an analogy the model completes both with and
    /// without the parenthetical, of the pairs data_utils.py preprocess_analogies keeps: GPT-2 tokenizers must spell
    /// " " + word as one token; the others ("llama and opt encode space"), word with the special tokens as two ids.
    /// </summary>
    private static bool IsCorrect(Example example, ILanguageModel model, Tokenizer tokenizer, Harness.Models.Tokenization.Encoding encoding, long[] context, long gold)
    {
        bool OneToken(string word) => model.ModelType == "gpt2"
            ? tokenizer.Encode(" " + word, addSpecialTokens: false).Ids.Count == 1
            : tokenizer.Encode(word, addSpecialTokens: true).Ids.Count == 2;
        if (!example.SingleTokenWords.All(OneToken)) return false;
        using var scope = Harness.Torch.torch.NewDisposeScope();
        if (NextTokenLogits(model, context).argmax().ToInt64() != gold) return false;
        if (example.Distractor is not { } distractor) return true;
        var without = context.Where((_, i) => !Overlaps(encoding.Tokens[i], distractor)).ToArray();
        return NextTokenLogits(model, without).argmax().ToInt64() == gold;
    }

    /// <summary>The logits [V] of the token after <paramref name="context"/>.</summary>
    private static Harness.Torch.Tensor NextTokenLogits(ILanguageModel model, long[] context)
    {
        using var noGrad = Harness.Torch.torch.no_grad();
        var ids = Harness.Torch.torch.tensor(context, [1, context.Length], device: model.Device);
        return model.Forward(ModelInput.FromIds(ids)).Logits.select(1, context.Length - 1).select(0, 0);
    }

    /// <summary>The example's supporting sources as indices into the sources kept (a source span that
    /// holds no token of the region is dropped by the segmenter, which shifts the later indices).</summary>
    private static int[] SupportingSources(Example example, Sources? sources)
    {
        if (example.SupportingSources.Count == 0 || sources?.SpanIndices is not { } spanIndices || example.Sources.Count == 0) return [];
        var kept = spanIndices.Select((span, index) => (span, index)).ToDictionary(p => p.span, p => p.index);
        return example.SupportingSources.Where(kept.ContainsKey).Select(s => kept[s]).ToArray();
    }

    /// <summary>The prompt followed by each generated token decoded on its own, with every token's span.</summary>
    private static (string Text, int[][] Spans) TextWithContinuation(string prompt, Harness.Models.Tokenization.Encoding encoding, IReadOnlyList<long> generated, Tokenizer tokenizer)
    {
        var ids = encoding.Ids.Select(i => (long)i).Concat(generated).ToList();
        var (text, tokens) = ContinuedText.Of(prompt, encoding, ids, tokenizer);
        return (text, tokens.Select(t => new[] { t.Start, t.End }).ToArray());
    }

    /// <summary>The example's explicit sources, or the dataset's unit (null for tokens: one per region token). A region
    /// with no source at all fails naming the example, before any cell runs.</summary>
    private static Sources? Sources(Example example, SourceUnit unit, Harness.Models.Tokenization.Encoding encoding, int start, int length)
    {
        var sources = example.Sources.Count > 0
            ? SourceSegmenter.FromCharacterSpans(example.Prompt, encoding.Tokens, start, length, example.Sources.Select(s => (s.Start, s.End)).ToList())
            : unit == SourceUnit.Token ? null : SourceSegmenter.Segment(example.Prompt, encoding.Tokens, start, length, unit);
        if (sources is { Count: 0 })
            throw new InvalidOperationException(example.Sources.Count > 0
                ? $"example '{example.Id}': none of its sources covers a token of its region"
                : $"example '{example.Id}': unit: sentence finds no sentence in its region (AT2's split leaves out parts without a letter, such as \"12 + 30 =\"); use unit: word or token, or give the example explicit sources");
        return sources;
    }

    /// <summary>Where ContextCite's text ablation cuts the prompt: the context string (the example's region, else the
    /// whole prompt) and its sources' characters within it (a token unit's: each region token's), as ContextCite splits
    /// the context string it is given: a source that reaches outside the region (a region's first token may hold template
    /// text, such as the space before it, and so may the sentence split from the tokens' text) is cut at the region's
    /// edge. Null where the characters of two sources overlap (a byte-level BPE splitting one character), which no text
    /// ablation can take apart.</summary>
    private static PromptLayout? Layout(Example example, Harness.Models.Tokenization.Encoding encoding, int regionStart, int regionEnd, Sources? sources,
        bool addSpecialTokens)
    {
        var (start, end) = example.Region is { } region ? (region.Start, region.End) : (0, example.Prompt.Length);
        var spans = (sources?.Spans ?? Enumerable.Range(regionStart, regionEnd - regionStart).Select(i => (encoding.Tokens[i].Start, encoding.Tokens[i].End)).ToList())
            .Select(s => (Start: Math.Clamp(s.Start, start, end), End: Math.Clamp(s.End, start, end))).ToArray();
        if (spans.Length == 0 || !SourceTextAblation.Ordered(spans)) return null;
        return new PromptLayout([start, end], spans.Select(s => new[] { s.Start, s.End }).ToArray(), addSpecialTokens);
    }

    /// <summary>Tokens whose characters overlap the span: the first such token to one after the last.</summary>
    private static (int Start, int End) TokenRange(Harness.Models.Tokenization.Encoding encoding, CharSpan span, string id)
    {
        var inside = Enumerable.Range(0, encoding.Count).Where(i => Overlaps(encoding.Tokens[i], span)).ToArray();
        if (inside.Length == 0) throw new InvalidOperationException($"example '{id}': its region {span} covers no token");
        return (inside[0], inside[^1] + 1);
    }

    private static bool Overlaps(Token token, CharSpan span) => token.End > token.Start && token.Start < span.End && token.End > span.Start;
}
