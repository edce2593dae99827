namespace Harness.Scoring;

/// <summary>
/// Scores the context with some sources ablated: turns keep-masks over the run's sources (true: the
/// source's tokens stay; one source per region token unless the request groups them) into the model inputs of the chosen <see cref="Ablation"/> and runs them
/// through the run's <see cref="TargetScorer"/>, batched and counted on its cost meter. Positions
/// outside the region are always kept.
/// </summary>
public sealed class ContextAblator
{
    private readonly ScoringRun run;
    private readonly Ablation ablation;
    private readonly long? replacementId;

    /// <param name="replacementId">The token that replaces an ablated one for <see cref="Ablation.Pad"/>
    /// and <see cref="Ablation.Mask"/> (required there), and for <see cref="Ablation.Baseline"/> (token id 0 when null). For <see cref="Ablation.Remove"/>
    /// and <see cref="Ablation.Text"/> it is the lone token (e.g. BOS) that stands for a context from which everything was removed, which a decoder
    /// cannot otherwise score (nothing predicts the target's first token); without it such a coalition fails.</param>
    public ContextAblator(ScoringRun run, Ablation ablation, long? replacementId = null)
    {
        this.run = run;
        this.ablation = ablation;
        if (ablation == Ablation.Text && run.Request.SourceText is null)
            throw new ScoringException("ablation 'text' takes a source's text out of the prompt and encodes it again (ContextCite's ablation), "
                + "and this request carries no prompt text (a token-id prompt or a generation step); use ablation: remove");
        if (ablation is Ablation.Pad or Ablation.Mask && replacementId is null)
            throw new ScoringException($"ablation '{ablation}' replaces tokens and needs a replacement token id (the tokenizer's pad or unk id)");
        if (replacementId is { } id && (id < 0 || id >= run.Request.Model.VocabSize))
            throw new ScoringException($"replacement token id {id} is outside the model's vocabulary [0, {run.Request.Model.VocabSize})");
        this.replacementId = replacementId;
    }

    /// <summary>Number of sources (the length of every keep-mask).</summary>
    public int Features => run.Sources.Count;

    /// <summary>The objective with nothing ablated.</summary>
    public double ScoreFull() => Score([Enumerable.Repeat(true, Features).ToArray()])[0];

    /// <summary>The objective for each keep-mask over the region, in order; progress is reported in "perturbations".</summary>
    public double[] Score(IReadOnlyList<bool[]> keepMasks)
    {
        foreach (var keep in keepMasks)
            if (keep.Length != Features) throw new ArgumentException($"a keep-mask of {keep.Length} for {Features} sources");
        if (keepMasks.Count == 0) return [];
        Action<int, int> progress = (done, total) => run.ReportProgress(done, total, "perturbations");
        if (Contexts(keepMasks) is { } contexts) return run.Scorer.Score(contexts, progress);
        var contextMasks = keepMasks.Select(run.ContextKeepMask).ToList();
        return ablation switch
        {
            Ablation.Zero => run.Scorer.ScoreWithZeroedEmbeddings(contextMasks, progress),
            Ablation.Attention => run.Scorer.Score(contextMasks.Select(_ => run.Request.ContextIds).ToList(), contextMasks, progress),
            _ => throw new InvalidOperationException($"unknown ablation {ablation}"), // unreachable: every Ablation is handled above
        };
    }

    /// <summary>The token ids of the context under each keep-mask, for the ablations that change token ids (remove,
    /// pad, mask, baseline, text); null for those that act on embeddings or attention (zero, attention).</summary>
    public IReadOnlyList<IReadOnlyList<long>>? Contexts(IReadOnlyList<bool[]> keepMasks)
    {
        var context = run.Request.ContextIds;
        return ablation switch
        {
            Ablation.Remove => keepMasks.Select(k => Removed(context, run.ContextKeepMask(k))).ToList(),
            Ablation.Text => keepMasks.Select(Encoded).ToList(),
            Ablation.Pad or Ablation.Mask or Ablation.Baseline => keepMasks.Select(k =>
            {
                var m = run.ContextKeepMask(k);
                return (IReadOnlyList<long>)context.Select((id, i) => m[i] ? id : replacementId ?? 0).ToArray();
            }).ToList(),
            _ => null,
        };
    }

    private IReadOnlyList<long> Encoded(bool[] keep)
    {
        var ids = run.Request.SourceText!.ContextIds(keep);
        if (ids.Count == 0)
            return replacementId is { } id
                ? [id]
                : throw new ScoringException("the prompt without its ablated sources encodes to no tokens (no position predicts the target's first token); "
                    + "give a replacement token id (e.g. BOS) to stand for the empty prompt, or a prompt template around the sources");
        foreach (var id in ids)
            if (id < 0 || id >= run.Request.Model.VocabSize)
                throw new ScoringException($"the ablated prompt's token id {id} is outside the model's vocabulary [0, {run.Request.Model.VocabSize})");
        return ids;
    }

    private IReadOnlyList<long> Removed(IReadOnlyList<long> context, IReadOnlyList<bool> keep)
    {
        var kept = context.Where((_, i) => keep[i]).ToArray();
        // Even a span needs a context token: the position that predicts its first token.
        if (kept.Length > 0) return kept;
        return replacementId is { } id
            ? [id]
            : throw new ScoringException("removing every attributed token leaves nothing before the target (no position predicts its first token); "
                + "give a replacement token id (e.g. BOS) to stand for the empty context, or attribute a region that leaves a token");
    }
}
