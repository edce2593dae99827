using Harness.Evaluation.Core;
using Harness.Evaluation.Plausibility;
using Harness.Scoring;
using Harness.Evaluation.Devices;

namespace Harness.Evaluation.Applications;

/// <summary>
/// context_pruning (AT2, Cohen-Wang et al., Fig. 5; experiments issue item 4): keep only the top-k
/// sources of a QA context by the attributor's scores (the other sources' tokens removed; the question
/// and tokens in no source stay), regenerate the answer greedily and score it against the gold answers
/// with SQuAD's token F1 and exact match (<see cref="AnswerScore"/>), for each k; next to the unpruned
/// context and the oracle (only the gold supporting sources), which do not depend on the attributor and
/// come from the example memo. Value: the mean F1 over the ks. Parts: "f1 k=K", "em k=K", "f1 unpruned",
/// "em unpruned", "f1 oracle", "em oracle" (NaN when the example names no supporting sources).
/// Needs <see cref="MetricInput.Decode"/> and <see cref="MetricInput.Answers"/>.
/// </summary>
public sealed class ContextPruning : IMetric
{
    /// <summary>The spec's and YAML's name of this metric.</summary>
    public const string MetricName = "context_pruning";

    /// <summary>The registry's entry for this metric.</summary>
    public static MetricDescriptor Descriptor { get; } = new(MetricName, typeof(ContextPruningOptions), o => new ContextPruning((ContextPruningOptions?)o))
    {
        Summary = "context pruning (AT2 Fig. 5): answer F1 of the response regenerated from the top k sources only",
        AxisTitle = "Answer F1 (0-1)",
        DeviceTies = DeviceTies.ScoreOrder,
        // Source: AT2 Fig. 5: an answer per k plus the unpruned and the oracle context, greedy with the KV cache.
        Passes = PassRule.For<ContextPruningOptions>("(|ks| + unpruned + oracle) x max_new_tokens", "AT2 Fig. 5",
            (o, _) => new PassEstimate((o.Ks.Count + 2.0) * o.MaxNewTokens, 0)),
    };

    /// <summary>The measures each context's answer is reported in: SQuAD's token F1 and exact match.</summary>
    public const string F1 = "f1", ExactMatch = "em";

    /// <summary>The reference contexts, which do not depend on the attributor: the whole context and the gold sources only.</summary>
    public static readonly PartKey Unpruned = new("unpruned"), Oracle = new("oracle");

    /// <summary>"k=3": the context pruned to the k highest-scored sources.</summary>
    public static PartKey Kept(int k) => new("k", k);

    private readonly ContextPruningOptions options;

    /// <summary>A context pruning metric; null options take <see cref="ContextPruningOptions"/>' defaults.</summary>
    /// <exception cref="MetricException">An empty ks, a k below 1 or max_new_tokens below 1.</exception>
    public ContextPruning(ContextPruningOptions? options = null)
    {
        this.options = options ?? new ContextPruningOptions();
        if (this.options.Ks.Count == 0 || this.options.Ks.Any(k => k < 1))
            throw new MetricException($"{MetricName} option ks={string.Join(",", this.options.Ks)}: valid: a list of integers >= 1");
        if (this.options.MaxNewTokens < 1) throw new MetricException($"{MetricName} option max_new_tokens={this.options.MaxNewTokens}: valid: integers >= 1");
    }

    /// <inheritdoc />
    public string Name => MetricName;

    /// <inheritdoc />
    public MetricResult Evaluate(MetricInput input, CancellationToken cancellationToken = default)
    {
        var decode = input.Decode ?? throw new MetricException($"{MetricName} scores generated answers and needs the input's Decode (the tokenizer)");
        if (input.Answers.Count == 0) throw new MetricException($"{MetricName} needs the example's gold answers (a QA dataset)");
        using var run = new MetricRun(input, cancellationToken: cancellationToken);
        if (run.ScoresUnusable) return run.Unusable();

        var n = run.Sources.Count;
        var parts = new Dictionary<PartKey, double>();
        void Score(PartKey context, string answer)
        {
            parts[context with { Measure = F1 }] = AnswerScore.F1(answer, input.Answers);
            parts[context with { Measure = ExactMatch }] = AnswerScore.ExactMatch(answer, input.Answers);
        }

        Score(Unpruned, Memoised.Get(input, new AnswerKey(Unpruned, options.MaxNewTokens), () => Answer(run, Keep(run, Enumerable.Repeat(true, n).ToArray()), decode)));
        if (input.SupportingSources.Count > 0)
        {
            var oracle = new bool[n];
            foreach (var s in input.SupportingSources)
                oracle[s >= 0 && s < n ? s : throw new MetricException($"supporting source {s} is not one of the {n} sources")] = true;
            Score(Oracle, Memoised.Get(input, new AnswerKey(Oracle, options.MaxNewTokens), () => Answer(run, Keep(run, oracle), decode)));
        }
        else
        {
            parts[Oracle with { Measure = F1 }] = parts[Oracle with { Measure = ExactMatch }] = double.NaN;
        }

        var f1 = new List<double>();
        foreach (var k in options.Ks.Select(k => Math.Min(k, n)).Distinct())
        {
            cancellationToken.ThrowIfCancellationRequested();
            Score(Kept(k), Answer(run, Keep(run, RationaleAgreement.TopK(input.Scores, k)), decode));
            f1.Add(parts[Kept(k) with { Measure = F1 }]);
        }

        // The answers scored against are the dataset's gold ones whatever the explained target is (target_source).
        return run.Finish(f1.Average(), parts) with { Settings = GoldAnswers };
    }

    /// <summary>The setting each value records: what its answers are scored against.</summary>
    public static readonly IReadOnlyDictionary<string, string> GoldAnswers = new Dictionary<string, string> { ["scored_against"] = "gold answers" };

    /// <summary>The context with the region's unkept sources removed.</summary>
    private static long[] Keep(MetricRun run, bool[] sourceKeep)
    {
        var keep = run.Sources.ExpandKeepMask(sourceKeep, run.RegionLength);
        return run.Input.ContextIds.Where((_, i) => i < run.RegionStart || i >= run.RegionStart + run.RegionLength || keep[i - run.RegionStart]).ToArray();
    }

    /// <summary>The greedy answer's text up to its first line break; passes counted on the run's meter.</summary>
    private string Answer(MetricRun run, long[] context, Func<IReadOnlyList<long>, string> decode) =>
        decode(GreedyContinuation.Generate(run, context, options.MaxNewTokens)).Split('\n')[0].Trim();

    /// <summary>The memo's key of the answer to a reference context (unpruned, oracle), which the attributor does not change.</summary>
    private sealed record AnswerKey(PartKey Context, int MaxNewTokens) : MemoKey;
}
