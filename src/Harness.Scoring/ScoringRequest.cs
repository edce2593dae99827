using Harness.Data.Segmentation;
using Harness.Models;

namespace Harness.Scoring;

/// <summary>
/// What the model is asked to score on perturbed copies of one context: the context's token ids (prompt plus any
/// earlier generated tokens) and the target after it. Only positions inside <see cref="Region"/> are perturbed (e.g.
/// the sentence inside a classification template); the rest stay fixed. Attributions extend it (AttributionRequest);
/// metrics use it as it is.
/// </summary>
public record ScoringRequest(ILanguageModel Model, IReadOnlyList<long> ContextIds, AttributionTarget Target)
{
    /// <summary>The perturbed positions of the context; the whole context when null.</summary>
    public Range? Region { get; init; }

    /// <summary>The units scored (attributors issue item 2): groups of region positions such as the
    /// words or sentences of <see cref="SourceSegmenter"/>. Perturbation methods ablate a source as a
    /// whole; token-level methods (gradients, attention) sum their token scores over it. One source
    /// per region token when null.</summary>
    public Sources? Sources { get; init; }

    /// <summary>What the target's score is (spec/attributors.md); when set (metrics set it), it
    /// overrides an attributor's `objective` option; null: the option, whose default each method
    /// states (src/Harness.Attribution/README.md).</summary>
    public Objective? Objective { get; init; }

    /// <summary>The prompt as text with the sources' characters, for <see cref="Ablation.Text"/> (ContextCite's ablation:
    /// the kept sources' text encoded again); null where the prompt is token ids or a generation step.</summary>
    public SourceTextAblation? SourceText { get; init; }

    /// <summary>Perturbed sequences per forward pass; halved automatically on CUDA out-of-memory. Gradient methods plan
    /// their passes by memory instead and keep this only where they cannot.</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>The region as (start, length) within the context.</summary>
    public (int Start, int Length) RegionBounds => (Region ?? Range.All).GetOffsetAndLength(ContextIds.Count);

    /// <summary>Sequences whose perturbations all keep the tokens before the region run the model on
    /// that prefix once and reuse its KV cache (spec/attributors.md); off, every sequence runs whole.
    /// The scores agree up to floating-point summation order.</summary>
    public bool ReusePrefixCache { get; init; } = true;

    /// <summary>Receives the progress through the main loop (<see cref="AttributionProgress"/>), on the calling thread;
    /// null: nobody listens. It never changes the scores.</summary>
    public IProgress<AttributionProgress>? Progress { get; init; }

    /// <summary>Fails with a clear message on an empty context, an empty region, sources outside the
    /// region, a target outside the vocabulary or a batch size below 1.</summary>
    public virtual void Validate()
    {
        if (ContextIds.Count == 0) throw new ScoringException("the context is empty: there is nothing to attribute to");
        var (regionStart, length) = RegionBounds;
        if (length == 0) throw new ScoringException($"the region [{regionStart}, {regionStart}) of the context is empty");
        if (Sources is { } sources)
        {
            if (sources.Count == 0) throw new ScoringException("the attribution has no sources: every token of the region was left out");
            try
            {
                sources.EnsureWithin(length);
            }
            catch (ArgumentException e)
            {
                throw new ScoringException(e.Message);
            }
        }

        if (SourceText is { } text && text.Count != (Sources?.Count ?? length))
            throw new ScoringException($"the prompt's text has {text.Count} source spans for {Sources?.Count ?? length} sources");
        if (Target.Ids.Count == 0) throw new ScoringException("the target has no tokens");
        foreach (var id in Target.Ids.Concat(ContextIds))
            if (id < 0 || id >= Model.VocabSize)
                throw new ScoringException($"token id {id} is outside the model's vocabulary [0, {Model.VocabSize})");
        if (BatchSize < 1) throw new ScoringException($"batch size must be at least 1, got {BatchSize}");
    }
}
