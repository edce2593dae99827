using Harness.Data.Segmentation;
using Harness.Models;

namespace Harness.Attribution.Core;

/// <summary>
/// One attribution: the context's token ids (prompt plus any earlier generated tokens) and the
/// target after it. Only positions inside <see cref="Region"/> are attributed (e.g. the sentence
/// inside a classification template); the rest stay fixed and get no score.
/// </summary>
public sealed record AttributionRequest(ILanguageModel Model, IReadOnlyList<long> ContextIds, AttributionTarget Target)
{
    /// <summary>The attributed positions of the context; the whole context when null.</summary>
    public Range? Region { get; init; }

    /// <summary>The units scored (attributors issue item 2): groups of region positions such as the
    /// words or sentences of <see cref="SourceSegmenter"/>. Perturbation methods ablate a source as a
    /// whole; token-level methods (gradients, attention) sum their token scores over it. One source
    /// per region token when null.</summary>
    public Sources? Sources { get; init; }

    /// <summary>What the target's score is (spec/attributors.md); when set (metrics set it), it
    /// overrides the attributor's `objective` option; null: the option, whose default each method
    /// states (src/Harness.Attribution/README.md).</summary>
    public Objective? Objective { get; init; }

    /// <summary>This request scoring <paramref name="option"/> unless the request sets an objective itself.</summary>
    public AttributionRequest WithObjective(Objective option) => Objective is null ? this with { Objective = option } : this;

    /// <summary>Seed of every random draw the method makes (same seed, same device: same scores).</summary>
    public ulong Seed { get; init; }

    /// <summary>Perturbed sequences per forward pass; halved automatically on CUDA out-of-memory. Gradient methods plan
    /// their passes by memory instead (<see cref="MemoryBudgetBytes"/>) and keep this only where they cannot.</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>Bytes one forward and backward pass of a gradient method may fill with path points or samples
    /// (<see cref="PassPlanner"/>); null: a share of what the model's device has free.</summary>
    public long? MemoryBudgetBytes { get; init; }

    /// <summary>The region as (start, length) within the context.</summary>
    public (int Start, int Length) RegionBounds => (Region ?? Range.All).GetOffsetAndLength(ContextIds.Count);

    /// <summary>Sequences whose perturbations all keep the tokens before the region run the model on
    /// that prefix once and reuse its KV cache (spec/attributors.md); off, every sequence runs whole.
    /// The scores agree up to floating-point summation order.</summary>
    public bool ReusePrefixCache { get; init; } = true;

    /// <summary>The context's text with one span per context token; only methods that re-tokenize
    /// need it (ReAGent's `mlm` replacer), and they fail naming it when it is missing.</summary>
    public ContextText? ContextText { get; init; }

    /// <summary>Receives the attribution's progress through its main loop (<see cref="AttributionProgress"/>), on the
    /// calling thread; null: nobody listens. It never changes the scores.</summary>
    public IProgress<AttributionProgress>? Progress { get; init; }

    /// <summary>Fails with a clear message on an empty context, an empty region, sources outside the
    /// region, a target outside the vocabulary, a batch size below 1 or a context text whose spans do not fit the context.</summary>
    public void Validate()
    {
        if (ContextIds.Count == 0) throw new AttributionException("the context is empty: there is nothing to attribute to");
        var (regionStart, length) = RegionBounds;
        if (length == 0) throw new AttributionException($"the region [{regionStart}, {regionStart}) of the context is empty");
        if (Sources is { } sources)
        {
            if (sources.Count == 0) throw new AttributionException("the attribution has no sources: every token of the region was left out");
            try
            {
                sources.EnsureWithin(length);
            }
            catch (ArgumentException e)
            {
                throw new AttributionException(e.Message);
            }
        }

        if (Target.Ids.Count == 0) throw new AttributionException("the target has no tokens");
        foreach (var id in Target.Ids.Concat(ContextIds))
            if (id < 0 || id >= Model.VocabSize)
                throw new AttributionException($"token id {id} is outside the model's vocabulary [0, {Model.VocabSize})");
        if (BatchSize < 1) throw new AttributionException($"batch size must be at least 1, got {BatchSize}");
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
