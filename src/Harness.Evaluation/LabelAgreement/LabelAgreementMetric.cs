using System.Globalization;
using Harness.Evaluation.Core;
using Harness.Evaluation.Plausibility;
using Harness.Scoring;
using Harness.Evaluation.Devices;

namespace Harness.Evaluation.LabelAgreement;

/// <summary>
/// label_agreement (spec/metrics.md section 4b, the survey seed's "sufficiency"): on a classification
/// prompt (template + sentence, the sentence being the input's region) keep only the top
/// max(1, ceil(threshold * L)) sources of the region by score (ties: earlier first), remove the
/// region's other sources from the context (the template and region tokens in no source stay, so the
/// prompt is rebuilt with the same template), greedy-decode <see cref="LabelAgreementOptions.MaxNewTokens"/>
/// tokens and parse the label from the first word (<see cref="AnswerParser"/>). The value is 1 when it
/// equals the label on the full prompt, else 0; averaged over examples it is the fraction that agree.
/// Harness choices: an unparseable rationale-only answer counts as 0 and is flagged
/// "unparseable_answer" (the survey's failure mode, reported separately: a report that drops flagged
/// rows must count these as disagreements); an unparseable full-prompt answer leaves nothing to agree
/// with: NaN, flagged "unparseable_full_answer". The full prompt's label does not depend on the
/// attributor and comes from the example memo. Parts: "full_label" and "rationale_label" (indices into
/// the label set, -1 when unparseable) and "kept_sources". Needs <see cref="MetricInput.Decode"/> and
/// <see cref="MetricInput.LabelSet"/>. Forward passes: one per decoded token and prompt (KV cache).
/// </summary>
public sealed class LabelAgreementMetric : IMetric
{
    /// <summary>The spec's and YAML's name of this metric.</summary>
    public const string MetricName = "label_agreement";

    /// <summary>The registry's entry for this metric.</summary>
    public static MetricDescriptor Descriptor { get; } = new(MetricName, typeof(LabelAgreementOptions), o => new LabelAgreementMetric((LabelAgreementOptions?)o))
    {
        Summary = "label agreement (the survey seed's sufficiency): the label answered from the rationale alone equals the full prompt's",
        AxisTitle = "Label agreement (fraction)",
        DeviceTies = DeviceTies.ScoreOrder,
        // Greedy decoding with the KV cache: the full prompt and the rationale only, one pass per new token.
        Passes = PassRule.For<LabelAgreementOptions>("2 decodes (full, rationale) x max_new_tokens", "spec/metrics.md 4b",
            (o, _) => new PassEstimate(2.0 * o.MaxNewTokens, 0)),
    };
    /// <summary>The rationale-only answer names no label: value 0, flagged so reports can count it separately.</summary>
    public static readonly MetricFlag UnparseableAnswer = new("unparseable_answer");
    /// <summary>The full prompt's answer names no label: nothing to agree with, value NaN.</summary>
    public static readonly MetricFlag UnparseableFullAnswer = new("unparseable_full_answer");

    private readonly LabelAgreementOptions options;

    /// <summary>A label agreement metric; null options take <see cref="LabelAgreementOptions"/>' defaults.</summary>
    /// <exception cref="MetricException">A threshold outside (0, 1] or max_new_tokens below 1.</exception>
    public LabelAgreementMetric(LabelAgreementOptions? options = null)
    {
        this.options = options ?? new LabelAgreementOptions();
        if (this.options.Threshold is not (> 0 and <= 1))
            throw new MetricException($"{MetricName} option threshold={this.options.Threshold.ToString(CultureInfo.InvariantCulture)}: valid: numbers in (0, 1]");
        if (this.options.MaxNewTokens < 1) throw new MetricException($"{MetricName} option max_new_tokens={this.options.MaxNewTokens}: valid: integers >= 1");
    }

    /// <inheritdoc />
    public string Name => MetricName;

    /// <inheritdoc />
    public MetricResult Evaluate(MetricInput input, CancellationToken cancellationToken = default)
    {
        var decode = input.Decode ?? throw new MetricException($"{MetricName} parses generated answers and needs the input's Decode (the tokenizer)");
        if (input.LabelSet.Count == 0) throw new MetricException($"{MetricName} needs the example's label set to parse answers against");
        using var run = new MetricRun(input, cancellationToken: cancellationToken);
        if (run.ScoresUnusable) return run.Unusable();

        var full = Memoised.Get(input, new FullAnswerKey(options.MaxNewTokens, string.Join('|', input.LabelSet)),
            () => Answer(run, input.ContextIds, decode) ?? -1);
        var n = run.Sources.Count;
        // The slack keeps binary fractions from rounding up (0.7 * 10 is 7.000000000000001).
        var kept = Math.Max(1, Math.Min(n, (int)Math.Ceiling(options.Threshold * n - 1e-9)));
        var regionKeep = run.Sources.ExpandKeepMask(RationaleAgreement.TopK(input.Scores, kept), run.RegionLength);
        var rationaleOnly = input.ContextIds.Where((_, i) => i < run.RegionStart || i >= run.RegionStart + run.RegionLength || regionKeep[i - run.RegionStart]).ToArray();
        cancellationToken.ThrowIfCancellationRequested();
        var reduced = Answer(run, rationaleOnly, decode) ?? -1;

        var parts = new Dictionary<PartKey, double> { [new("full_label")] = full, [new("rationale_label")] = reduced, [new("kept_sources")] = kept };
        if (full < 0)
        {
            run.Flag(UnparseableFullAnswer);
            return run.Finish(double.NaN, parts);
        }

        if (reduced < 0) run.Flag(UnparseableAnswer);
        return run.Finish(reduced == full ? 1 : 0, parts);
    }

    /// <summary>The label index of the greedy answer to <paramref name="context"/>, or null when unparseable;
    /// the decoding's passes are counted on the run's meter (the prompt once, then one token per step).</summary>
    private int? Answer(MetricRun run, IReadOnlyList<long> context, Func<IReadOnlyList<long>, string> decode) =>
        AnswerParser.Parse(decode(GreedyContinuation.Generate(run, context, options.MaxNewTokens)), run.Input.LabelSet);

    /// <summary>The memo's key of the label of the answer to the full prompt: the generation's length and the label set
    /// it is parsed against (joined by '|').</summary>
    private sealed record FullAnswerKey(int MaxNewTokens, string Labels) : MemoKey;
}
