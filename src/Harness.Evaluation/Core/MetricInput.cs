using Harness.Data.Segmentation;
using Harness.Models;
using Harness.Scoring;

namespace Harness.Evaluation.Core;

/// <summary>
/// Everything one metric needs for one (model, example, target, attributor) cell: the context and
/// target as token ids, the attributor's scores over the attributed region (one per source when
/// <see cref="Sources"/> is set, else one per region token), and the evaluation's seed. Metrics never
/// load models or files; the runner hands them this.
/// </summary>
public sealed record MetricInput(ILanguageModel Model, IReadOnlyList<long> ContextIds, AttributionTarget Target, float[] Scores)
{
    /// <summary>The attributed positions of the context (the rest is never perturbed); all when null.</summary>
    public Range? Region { get; init; }

    /// <summary>Groups of region positions the scores belong to; one per region token when null.</summary>
    public Sources? Sources { get; init; }

    /// <summary>The prompt as text with its sources' characters, for `ablation: text` (ContextCite's: the kept sources'
    /// text encoded again); null where the prompt is token ids or a generation step.</summary>
    public SourceTextAblation? SourceText { get; init; }

    /// <summary>The experiment's label for the attributor that produced <see cref="Scores"/> (its registry name unless the
    /// experiment relabels it): Soft-NS/NC's `inseq_attributors` names labels, so one method can be two rows of a table
    /// that the reproduced code transformed differently (ReAGent's sequence level: `attention` is Inseq's last-layer
    /// attention, `attention_last` its own); null when unknown, e.g. scores given by hand.</summary>
    public string? Attributor { get; init; }

    /// <summary>How Soft-NS/NC's `protocol: reagent` transforms these scores: the attributor descriptor's
    /// <c>ReagentTransform</c>, set by the runner; null when unknown (the softmax, as for methods the ReAGent paper lacks).</summary>
    public ProtocolTransform? ReagentTransform { get; init; }

    /// <summary>Seed of every random draw (Bernoulli masks, LDS masks): same seed, same values bit for bit.</summary>
    public ulong Seed { get; init; }

    /// <summary>Perturbed sequences per forward pass; halved on CUDA out-of-memory.</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>The tokenizer's pad (or unk) id for the `pad`/`mask` ablations, and BOS to stand for an
    /// empty context under `remove`.</summary>
    public long? PadId { get; init; }

    /// <summary>The tokenizer's BOS id, which stands for an emptied context under the `remove` ablation (a model
    /// needs at least one token before the target).</summary>
    public long? BosId { get; init; }

    /// <summary>Rationale token positions within the region, for plausibility; empty when the example has none.</summary>
    public IReadOnlyList<int> RationalePositions { get; init; } = [];

    /// <summary>The example's attributor-independent quantities, shared by all attributors of the example
    /// (see <see cref="ExampleMemo"/>); null: each metric computes them itself.</summary>
    public ExampleMemo? Memo { get; init; }

    /// <summary>Token ids -> text (the tokenizer's Decode), for metrics that parse a generated answer
    /// (label_agreement); null when the runner has no tokenizer for them.</summary>
    public Func<IReadOnlyList<long>, string>? Decode { get; init; }

    /// <summary>The labels a classification example's answer is parsed against (e.g. "positive",
    /// "negative"); empty for other examples.</summary>
    public IReadOnlyList<string> LabelSet { get; init; } = [];

    /// <summary>Gold answers of a QA example (context pruning scores regenerated answers against them).</summary>
    public IReadOnlyList<string> Answers { get; init; } = [];

    /// <summary>Indices into the sources of the gold supporting ones (context pruning's oracle).</summary>
    public IReadOnlyList<int> SupportingSources { get; init; } = [];

    /// <summary>The cell's attribution of this item made again on a re-initialised copy of the model (model_randomization);
    /// null where no attributor is at hand (`harness evaluate` of stored scores).</summary>
    public ReattributeOnRandomizedModel? ReattributeOnRandomizedModel { get; init; }
}
