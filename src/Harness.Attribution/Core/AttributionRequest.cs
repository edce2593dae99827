using Harness.Models;
using Harness.Scoring;

namespace Harness.Attribution.Core;

/// <summary>
/// One attribution: the scoring request (context, target, region, sources, objective, batching) plus what only
/// attributors use: the seed of their random draws, the memory budget of gradient passes and the context's text.
/// </summary>
public sealed record AttributionRequest(ILanguageModel Model, IReadOnlyList<long> ContextIds, AttributionTarget Target)
    : ScoringRequest(Model, ContextIds, Target)
{
    /// <summary>This request scoring <paramref name="option"/> unless the request sets an objective itself.</summary>
    public AttributionRequest WithObjective(Objective option) => Objective is null ? this with { Objective = option } : this;

    /// <summary>Seed of every random draw the method makes (same seed, same device: same scores).</summary>
    public ulong Seed { get; init; }

    /// <summary>Bytes one forward and backward pass of a gradient method may fill with path points or samples
    /// (<see cref="PassPlanner"/>); null: a share of what the model's device has free.</summary>
    public long? MemoryBudgetBytes { get; init; }

    /// <summary>The context's text with one span per context token; only methods that re-tokenize
    /// need it (ReAGent's `mlm` replacer), and they fail naming it when it is missing.</summary>
    public ContextText? ContextText { get; init; }

    /// <summary>The scoring checks, then a memory budget below 1 byte or a context text whose spans do not fit the context.</summary>
    public override void Validate()
    {
        base.Validate();
        if (MemoryBudgetBytes is < 1) throw new AttributionException($"the memory budget must be at least 1 byte, got {MemoryBudgetBytes}");
        if (ContextText is { } text)
        {
            if (text.Offsets.Count != ContextIds.Count)
                throw new AttributionException($"the context text has {text.Offsets.Count} token spans for {ContextIds.Count} context tokens");
            foreach (var span in text.Offsets)
            {
                var (start, end) = (span.Start.GetOffset(text.Text.Length), span.End.GetOffset(text.Text.Length));
                if (start < 0 || end < start || end > text.Text.Length)
                    throw new AttributionException($"a context token span {span} lies outside the context text of {text.Text.Length} characters");
            }
        }
    }
}
