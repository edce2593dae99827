namespace Harness.Data.Segmentation;

/// <summary>
/// The sources an attribution scores: disjoint groups of positions of the attributed region
/// (0-based, relative to the region's start), in text order. A position in no group is never
/// perturbed and gets no score (e.g. the whitespace-only or template tokens between passages).
/// Perturbation methods ablate a source as a whole; token-level methods sum their scores over it.
/// </summary>
public sealed record Sources
{
    /// <summary>Sources from <paramref name="groups"/> of region positions, with optional <paramref name="labels"/>, one per group.
    /// Throws when a group is empty, holds a negative position, or shares a position with another group.</summary>
    public Sources(IReadOnlyList<int[]> groups, IReadOnlyList<string>? labels = null)
    {
        if (labels is not null && labels.Count != groups.Count)
            throw new ArgumentException($"{labels.Count} labels for {groups.Count} sources", nameof(labels));
        var seen = new HashSet<int>();
        for (var g = 0; g < groups.Count; g++)
        {
            if (groups[g].Length == 0) throw new ArgumentException($"source {g} has no tokens", nameof(groups));
            foreach (var position in groups[g])
            {
                if (position < 0) throw new ArgumentException($"source {g} holds the negative position {position}", nameof(groups));
                if (!seen.Add(position)) throw new ArgumentException($"position {position} is in more than one source", nameof(groups));
            }
        }

        Groups = groups;
        Labels = labels;
    }

    /// <summary>Region positions of each source.</summary>
    public IReadOnlyList<int[]> Groups { get; }

    /// <summary>The text of each source, when known (for reports and heatmaps).</summary>
    public IReadOnlyList<string>? Labels { get; }

    /// <summary>For sources made from character spans (<see cref="SourceSegmenter.FromCharacterSpans"/>), the index of
    /// the span each one comes from: a span that holds no token of the region is dropped, so the two can differ.</summary>
    public IReadOnlyList<int>? SpanIndices { get; init; }

    /// <summary>Each source's [start, end) characters in the prompt text, when the sources were made from it (words,
    /// sentences, character spans): what ContextCite's text ablation takes out (Harness.Scoring.SourceTextAblation).</summary>
    public IReadOnlyList<(int Start, int End)>? Spans { get; init; }

    /// <summary>Number of sources.</summary>
    public int Count => Groups.Count;

    /// <summary>One source per token of a region of <paramref name="length"/> tokens.</summary>
    public static Sources Tokens(int length) => new(Enumerable.Range(0, length).Select(i => new[] { i }).ToArray());

    /// <summary>Fails unless every position lies inside a region of <paramref name="regionLength"/> tokens.</summary>
    public void EnsureWithin(int regionLength)
    {
        for (var g = 0; g < Count; g++)
            foreach (var position in Groups[g])
                if (position >= regionLength)
                    throw new ArgumentException($"source {g} holds position {position}, outside a region of {regionLength} tokens");
    }

    /// <summary>Per-source sums of token-level scores over the region.</summary>
    public float[] Aggregate(ReadOnlySpan<float> regionScores)
    {
        var result = new float[Count];
        for (var g = 0; g < Count; g++)
        {
            var sum = 0.0;
            foreach (var position in Groups[g]) sum += regionScores[position];
            result[g] = (float)sum;
        }

        return result;
    }

    /// <summary>The region keep-mask (true: the token stays) of a keep-mask over sources; positions in
    /// no source are always kept.</summary>
    public bool[] ExpandKeepMask(IReadOnlyList<bool> sourceKeep, int regionLength)
    {
        if (sourceKeep.Count != Count) throw new ArgumentException($"a keep-mask of {sourceKeep.Count} for {Count} sources");
        var keep = Enumerable.Repeat(true, regionLength).ToArray();
        for (var g = 0; g < Count; g++)
            if (!sourceKeep[g])
                foreach (var position in Groups[g]) keep[position] = false;
        return keep;
    }

    /// <summary>True when this is one source per token, in order, covering all <paramref name="regionLength"/> tokens.</summary>
    public bool IsTokenIdentity(int regionLength) =>
        Count == regionLength && Groups.Select((group, g) => group.Length == 1 && group[0] == g).All(x => x);
}
