using Harness.Attribution.Core;
using Harness.Data.Segmentation;
using Harness.Models.Tokenization;
using Harness.Scoring;

namespace Harness.Experiments.Running;

/// <summary>
/// One (example, target) to attribute and evaluate, with everything in token positions: the context
/// ids, the target ids, the attributed region, the sources (null: one per region token) and the
/// rationale positions within the region, and the context as text with each token's character span
/// (for methods that re-tokenize it, ReAGent's masked-LM replacer), and what answer-judging metrics need
/// (the label set of a classification prompt, the gold answers and supporting sources of a QA one). Chosen once per model x dataset
/// and stored (the run's `targets` table), so a resumed run evaluates exactly the same items.
/// </summary>
public sealed record EvaluationItem(
    string ExampleId, int Step, long[] ContextIds, long[] TargetIds, int RegionStart, int RegionEnd,
    int[][]? SourceGroups, string[]? SourceLabels, int[] Rationale, string? Task, string Text, int[][] TokenSpans,
    string[] LabelSet, string[] Answers, int[] SupportingSources)
{
    /// <summary>The context as text with each context token's character span, for methods that re-tokenize it.</summary>
    public ContextText ContextText => new(Text, TokenSpans.Select(s => s[0]..s[1]).ToList());

    /// <summary>The target tokens' text as the tokenizer decodes them (the model's generated response or predicted
    /// label included), stored with the frozen targets; null in stores written before it was kept.</summary>
    public string? TargetText { get; init; }

    /// <summary>Where ContextCite's text ablation cuts the prompt <see cref="Text"/>; null where the prompt is token ids or
    /// the item is a generation step (and in stores written before it was kept).</summary>
    public PromptLayout? Layout { get; init; }

    /// <summary>The prompt's text ablation (<see cref="Ablation.Text"/>) with <paramref name="tokenizer"/>, the one the
    /// context ids were encoded with; null without a <see cref="Layout"/>.</summary>
    public SourceTextAblation? SourceText(Tokenizer tokenizer) => Layout is { } layout
        ? new SourceTextAblation(Text, (layout.Region[0], layout.Region[1]), layout.Sources.Select(s => (s[0], s[1])).ToArray(),
            text => tokenizer.Encode(text, addSpecialTokens: layout.SpecialTokens).Ids.Select(i => (long)i).ToArray())
        : null;

    /// <summary>The attributed token positions of the context, [RegionStart, RegionEnd).</summary>
    public Range Region => RegionStart..RegionEnd;

    /// <summary>What is attributed: a single token, or the span of target tokens.</summary>
    public AttributionTarget Target => TargetIds.Length == 1 ? new AttributionTarget.Token(TargetIds[0]) : new AttributionTarget.Span(TargetIds);

    /// <summary>The groups of region positions that get one score each; null when every region token is its own source.</summary>
    public Sources? Sources => SourceGroups is null ? null : new Sources(SourceGroups, SourceLabels);

    /// <summary>Key of the item within its dataset (example id and generation step).</summary>
    public string Key => $"{ExampleId}#{Step}";
}

/// <summary>The prompt's characters that ContextCite's text ablation (<see cref="SourceTextAblation"/>) works on: the
/// context string's [start, end), each source's [start, end) in order, and whether the prompt was encoded with the
/// tokenizer's special tokens (a raw prompt) or without (a rendered chat prompt carries its own).</summary>
public sealed record PromptLayout(int[] Region, int[][] Sources, bool SpecialTokens);
