namespace Harness.Scoring;

/// <summary>
/// ContextCite's ablation (<see cref="Ablation.Text"/>): the ablated prompt is text, not token ids. The attributed
/// region is the context string, its sources are character spans of it (parts), and the text before each part is its
/// separator. A keep-mask rebuilds the context as ContextCite's SimpleContextPartitioner.get_context does (the kept
/// parts in order, each after its own separator except the first kept one; text before the first part and after the
/// last one is dropped), puts it back between the prompt's text before and after the region (the prompt template
/// around the context, chat template included) and encodes that prompt again, as ContextCiter._get_prompt_ids formats
/// and encodes it (MadryLab/context-cite context_cite/context_partitioner.py, context_citer.py). Where a tokenizer
/// merges characters across a source's edge (Llama 3's ".\n\n", GPT-2's "\n" kept alone) the ids differ from
/// dropping the source's tokens.
/// </summary>
public sealed class SourceTextAblation
{
    private readonly string prompt;
    private readonly (int Start, int End) region;
    private readonly IReadOnlyList<(int Start, int End)> parts;
    private readonly Func<string, IReadOnlyList<long>> encode;

    /// <param name="prompt">The whole prompt's text, as it was encoded into the context ids.</param>
    /// <param name="region">The context string's [start, end) characters in <paramref name="prompt"/>.</param>
    /// <param name="sourceSpans">Each source's [start, end) characters, in order, disjoint, inside the region.</param>
    /// <param name="encode">Encodes a prompt text exactly as the context ids were encoded (special tokens, chat markup).</param>
    public SourceTextAblation(string prompt, (int Start, int End) region, IReadOnlyList<(int Start, int End)> sourceSpans, Func<string, IReadOnlyList<long>> encode)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(sourceSpans);
        if (region.Start < 0 || region.End < region.Start || region.End > prompt.Length)
            throw new ArgumentException($"the region [{region.Start}, {region.End}) lies outside the prompt's {prompt.Length} characters", nameof(region));
        var previous = region.Start;
        for (var i = 0; i < sourceSpans.Count; i++)
        {
            var (start, end) = sourceSpans[i];
            if (start < previous || end < start || end > region.End)
                throw new ArgumentException($"source {i}'s characters [{start}, {end}) are not inside the region [{region.Start}, {region.End}) after the previous source", nameof(sourceSpans));
            previous = end;
        }

        this.prompt = prompt;
        this.region = region;
        parts = sourceSpans;
        this.encode = encode ?? throw new ArgumentNullException(nameof(encode));
    }

    /// <summary>Whether <paramref name="spans"/> follow one another without overlapping, as text ablation needs (a
    /// byte-level BPE can split one character across two tokens, whose spans then overlap).</summary>
    public static bool Ordered(IReadOnlyList<(int Start, int End)> spans)
    {
        for (var i = 0; i < spans.Count; i++)
            if (spans[i].End < spans[i].Start || (i > 0 && spans[i].Start < spans[i - 1].End)) return false;
        return true;
    }

    /// <summary>Number of sources (the length of every keep-mask).</summary>
    public int Count => parts.Count;

    /// <summary>The prompt's text with the sources <paramref name="keep"/> marks false taken out.</summary>
    public string Text(IReadOnlyList<bool> keep)
    {
        if (keep.Count != parts.Count) throw new ArgumentException($"a keep-mask of {keep.Count} for {parts.Count} sources", nameof(keep));
        var text = new System.Text.StringBuilder(prompt.Length);
        text.Append(prompt, 0, region.Start);
        var anyKept = false;
        for (var i = 0; i < parts.Count; i++)
        {
            if (!keep[i]) continue;
            var separatorStart = i == 0 ? region.Start : parts[i - 1].End;
            var from = anyKept ? separatorStart : parts[i].Start;
            text.Append(prompt, from, parts[i].End - from);
            anyKept = true;
        }

        text.Append(prompt, region.End, prompt.Length - region.End);
        return text.ToString();
    }

    /// <summary>The context ids of the prompt with the sources <paramref name="keep"/> marks false taken out.</summary>
    public IReadOnlyList<long> ContextIds(IReadOnlyList<bool> keep) => encode(Text(keep));
}
