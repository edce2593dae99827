using Harness.Attribution.Core;
using Harness.Data.Segmentation;
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

    /// <summary>The attributed token positions of the context, [RegionStart, RegionEnd).</summary>
    public Range Region => RegionStart..RegionEnd;

    /// <summary>What is attributed: a single token, or the span of target tokens.</summary>
    public AttributionTarget Target => TargetIds.Length == 1 ? new AttributionTarget.Token(TargetIds[0]) : new AttributionTarget.Span(TargetIds);

    /// <summary>The groups of region positions that get one score each; null when every region token is its own source.</summary>
    public Sources? Sources => SourceGroups is null ? null : new Sources(SourceGroups, SourceLabels);

    /// <summary>Key of the item within its dataset (example id and generation step).</summary>
    public string Key => $"{ExampleId}#{Step}";
}
