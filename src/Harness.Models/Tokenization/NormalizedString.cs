namespace Harness.Models.Tokenization;

/// <summary>
/// A piece of text as the pipeline has rewritten it, with, for every UTF-16 unit, the range of the
/// ORIGINAL input it came from (Hugging Face's <c>NormalizedString</c>, in UTF-16 units).
/// Immutable: slicing shares storage, every rewrite returns a new instance.
/// </summary>
/// <remarks>
/// Rust keeps one alignment per UTF-8 byte; here every UTF-16 unit of a code point carries that
/// code point's alignment, so converting a range gives the same original span as the reference.
/// The rewrite rules follow <c>NormalizedString::transform_range</c>: a replacing character takes
/// the alignment of the character it replaces, an inserted one the alignment of the unit before it.
/// </remarks>
public sealed class NormalizedString
{
    private readonly string text;
    private readonly int textStart;
    private readonly int[] alignStart;
    private readonly int[] alignEnd;
    private readonly int alignOffset;

    internal NormalizedString(string text, int textStart, int length, int[] alignStart, int[] alignEnd, int alignOffset)
    {
        this.text = text;
        this.textStart = textStart;
        Length = length;
        this.alignStart = alignStart;
        this.alignEnd = alignEnd;
        this.alignOffset = alignOffset;
    }

    /// <summary>Length of the normalized text in UTF-16 units.</summary>
    public int Length { get; }

    /// <summary>The normalized text.</summary>
    public ReadOnlySpan<char> Span => text.AsSpan(textStart, Length);

    /// <summary>Start (UTF-16 index into the original input) of the first unit; 0 when empty.</summary>
    public int OriginalStart => Length == 0 ? 0 : alignStart[alignOffset];

    /// <summary>The normalized text as a string.</summary>
    public override string ToString() => text.Substring(textStart, Length);

    /// <summary>Wraps <paramref name="original"/>[start, end) unchanged: every unit aligned to itself.</summary>
    public static NormalizedString FromOriginal(string original, int start, int end)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfLessThan(end, start);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(end, original.Length);
        int length = end - start;
        var aStart = new int[length];
        var aEnd = new int[length];
        for (int i = 0; i < length; i++)
        {
            int at = start + i;
            char c = original[at];
            if (char.IsHighSurrogate(c) && at + 1 < end && char.IsLowSurrogate(original[at + 1]))
            {
                aStart[i] = at;
                aEnd[i] = at + 2;
                aStart[i + 1] = at;
                aEnd[i + 1] = at + 2;
                i++;
            }
            else
            {
                aStart[i] = at;
                aEnd[i] = at + 1;
            }
        }
        return new NormalizedString(original, start, length, aStart, aEnd, 0);
    }

    /// <summary>Alignment (original start, original end) of normalized unit <paramref name="index"/>.</summary>
    public (int Start, int End) AlignmentAt(int index)
    {
        if ((uint)index >= (uint)Length) throw new ArgumentOutOfRangeException(nameof(index));
        return (alignStart[alignOffset + index], alignEnd[alignOffset + index]);
    }

    /// <summary>
    /// Original range covered by normalized units [start, end): the first unit's start and the last
    /// unit's end (Rust <c>convert_offsets</c> on a normalized range).
    /// </summary>
    public (int Start, int End) ToOriginal(int start, int end)
    {
        if (start < 0 || end > Length || start > end)
            throw new ArgumentOutOfRangeException(nameof(start), $"Range [{start}, {end}) is outside [0, {Length}).");
        if (start == end)
        {
            int at = start < Length ? alignStart[alignOffset + start] : (Length == 0 ? 0 : alignEnd[alignOffset + Length - 1]);
            return (at, at);
        }
        return (alignStart[alignOffset + start], alignEnd[alignOffset + end - 1]);
    }

    /// <summary>The normalized units [start, end), sharing storage and alignments.</summary>
    public NormalizedString Slice(int start, int end)
    {
        if (start < 0 || end > Length || start > end)
            throw new ArgumentOutOfRangeException(nameof(start), $"Range [{start}, {end}) is outside [0, {Length}).");
        if (start == 0 && end == Length) return this;
        return new NormalizedString(text, textStart + start, end - start, alignStart, alignEnd, alignOffset + start);
    }

    /// <summary>Same alignments, different text of the same length (each unit replaced one for one).</summary>
    internal NormalizedString WithSameLengthText(string newText)
    {
        if (newText.Length != Length) throw new ArgumentException("The new text must keep the length.", nameof(newText));
        return new NormalizedString(newText, 0, Length, alignStart, alignEnd, alignOffset);
    }

    /// <summary>
    /// Rewrites the units [start, end) (Rust <c>transform_range</c>). Each (code point, change):
    /// change 0 replaces the next original character, change -N replaces it and removes the N after
    /// it, change 1 inserts. <paramref name="initialOffset"/> characters are removed first.
    /// </summary>
    public NormalizedString TransformRange(int start, int end, IReadOnlyList<(int CodePoint, int Change)> changes, int initialOffset)
    {
        if (start < 0 || end > Length || start > end)
            throw new ArgumentOutOfRangeException(nameof(start), $"Range [{start}, {end}) is outside [0, {Length}).");
        ReadOnlySpan<char> span = Span;
        var builder = new NormalizedStringBuilder(Length + changes.Count * 2);
        builder.AppendUnchanged(this, 0, start);

        int position = start;
        for (int i = 0; i < initialOffset && position < end; i++) position += UnitsAt(span, position, end);

        foreach (var (codePoint, change) in changes)
        {
            (int a, int b) align;
            if (change > 0)
            {
                align = position < 1 ? (OriginalStart, OriginalStart) : AlignmentAt(position - 1);
            }
            else
            {
                int at = Math.Min(position, Length - 1);
                align = at < 0 ? (0, 0) : AlignmentAt(at);
                if (position < end) position += UnitsAt(span, position, end);
                for (int r = 0; r < -change && position < end; r++) position += UnitsAt(span, position, end);
            }
            builder.Append(codePoint, align.a, align.b);
        }

        builder.AppendUnchanged(this, end, Length);
        return builder.Build();
    }

    /// <summary>Rewrites the whole text (Rust <c>transform</c>).</summary>
    public NormalizedString Transform(IReadOnlyList<(int CodePoint, int Change)> changes, int initialOffset)
        => TransformRange(0, Length, changes, initialOffset);

    /// <summary>
    /// Puts <paramref name="prefix"/> in front (Rust <c>prepend</c>): the prefix and the first
    /// character all take the first character's alignment. Nothing happens to an empty string.
    /// </summary>
    public NormalizedString Prepend(string prefix)
    {
        if (Length == 0 || prefix.Length == 0) return this;
        ReadOnlySpan<char> span = Span;
        int firstUnits = UnitsAt(span, 0, Length);
        var (a, b) = AlignmentAt(0);
        var builder = new NormalizedStringBuilder(Length + prefix.Length);
        builder.AppendString(prefix, a, b);
        builder.AppendUnits(span[..firstUnits], a, b);
        builder.AppendUnchanged(this, firstUnits, Length);
        return builder.Build();
    }

    /// <summary>
    /// Replaces every match of <paramref name="pattern"/> by <paramref name="content"/> (Rust
    /// <c>replace</c>): the new characters take the alignment of the last matched unit.
    /// </summary>
    public NormalizedString Replace(SplitPattern pattern, string content)
    {
        var matches = new List<(int Start, int End)>();
        pattern.FindMatches(Span, matches);
        if (matches.Count == 0) return this;
        var builder = new NormalizedStringBuilder(Length + matches.Count * Math.Max(0, content.Length - 1));
        int previous = 0;
        foreach (var (start, end) in matches)
        {
            builder.AppendUnchanged(this, previous, start);
            if (content.Length > 0)
            {
                (int a, int b) align = end > 0 ? AlignmentAt(end - 1) : (OriginalStart, OriginalStart);
                builder.AppendString(content, align.a, align.b);
            }
            previous = end;
        }
        builder.AppendUnchanged(this, previous, Length);
        return builder.Build();
    }

    /// <summary>Keeps the characters <paramref name="keep"/> accepts, each with its own alignment (Rust <c>filter</c>).</summary>
    public NormalizedString Filter(Func<int, bool> keep)
    {
        ReadOnlySpan<char> span = Span;
        var builder = new NormalizedStringBuilder(Length);
        for (int i = 0; i < span.Length;)
        {
            int units = UnitsAt(span, i, span.Length);
            int codePoint = units == 2 ? char.ConvertToUtf32(span[i], span[i + 1]) : span[i];
            if (keep(codePoint)) builder.AppendUnchanged(this, i, i + units);
            i += units;
        }
        return builder.Length == Length ? this : builder.Build();
    }

    /// <summary>
    /// Maps every character to zero or more characters; the first keeps the character's alignment,
    /// the others are inserted after it (Rust <c>lowercase</c>/<c>map</c>).
    /// </summary>
    public NormalizedString MapCharacters(Func<int, string> map)
    {
        ReadOnlySpan<char> span = Span;
        var builder = new NormalizedStringBuilder(Length);
        bool changed = false;
        for (int i = 0; i < span.Length;)
        {
            int units = UnitsAt(span, i, span.Length);
            ReadOnlySpan<char> source = span.Slice(i, units);
            int codePoint = units == 2 ? char.ConvertToUtf32(span[i], span[i + 1]) : span[i];
            string mapped = map(codePoint);
            var (a, b) = AlignmentAt(i);
            if (mapped.Length == 0)
            {
                changed = true;
            }
            else
            {
                if (!changed && !source.SequenceEqual(mapped)) changed = true;
                builder.AppendString(mapped, a, b);
            }
            i += units;
        }
        return changed ? builder.Build() : this;
    }

    /// <summary>
    /// Splits on the matches of <paramref name="pattern"/> (Rust <c>NormalizedString::split</c>),
    /// appending the non-empty pieces to <paramref name="output"/>.
    /// </summary>
    public void Split(SplitPattern pattern, SplitDelimiterBehavior behavior, bool invert, List<NormalizedString> output)
    {
        var matches = new List<(int Start, int End)>();
        pattern.FindMatches(Span, matches);
        SplitOnMatches(matches, behavior, invert, output);
    }

    /// <summary>Splits on matches found by the caller (sorted, non-overlapping), as <see cref="Split"/> does.</summary>
    public void SplitOnMatches(List<(int Start, int End)> matches, SplitDelimiterBehavior behavior, bool invert, List<NormalizedString> output)
    {
        // Every unit belongs to exactly one (range, isMatch) entry, as Rust's Pattern::find_matches returns.
        var pieces = new List<(int Start, int End, bool IsMatch)>(matches.Count * 2 + 1);
        if (Length == 0)
        {
            pieces.Add((0, 0, invert));
        }
        else
        {
            int previous = 0;
            foreach (var (start, end) in matches)
            {
                if (previous != start) pieces.Add((previous, start, invert));
                pieces.Add((start, end, !invert));
                previous = end;
            }
            if (previous != Length) pieces.Add((previous, Length, invert));
        }

        switch (behavior)
        {
            case SplitDelimiterBehavior.Isolated:
                foreach (var p in pieces) AddPiece(output, p.Start, p.End);
                break;
            case SplitDelimiterBehavior.Removed:
                foreach (var p in pieces)
                    if (!p.IsMatch) AddPiece(output, p.Start, p.End);
                break;
            case SplitDelimiterBehavior.Contiguous:
            case SplitDelimiterBehavior.MergedWithPrevious:
            {
                var merged = new List<(int Start, int End)>(pieces.Count);
                bool previousMatch = false;
                foreach (var p in pieces)
                {
                    bool join = behavior == SplitDelimiterBehavior.Contiguous
                        ? p.IsMatch == previousMatch
                        : p.IsMatch && !previousMatch;
                    if (join && merged.Count > 0) merged[^1] = (merged[^1].Start, p.End);
                    else merged.Add((p.Start, p.End));
                    previousMatch = p.IsMatch;
                }
                foreach (var m in merged) AddPiece(output, m.Start, m.End);
                break;
            }
            case SplitDelimiterBehavior.MergedWithNext:
            {
                var merged = new List<(int Start, int End)>(pieces.Count);
                bool previousMatch = false;
                for (int i = pieces.Count - 1; i >= 0; i--)
                {
                    var p = pieces[i];
                    if (p.IsMatch && !previousMatch && merged.Count > 0) merged[^1] = (p.Start, merged[^1].End);
                    else merged.Add((p.Start, p.End));
                    previousMatch = p.IsMatch;
                }
                for (int i = merged.Count - 1; i >= 0; i--) AddPiece(output, merged[i].Start, merged[i].End);
                break;
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(behavior), behavior, null);
        }
    }

    private void AddPiece(List<NormalizedString> output, int start, int end)
    {
        if (end > start) output.Add(Slice(start, end));
    }

    /// <summary>Copies the alignments of units [from, to) into the destination arrays at <paramref name="destination"/>.</summary>
    internal void CopyAlignments(int from, int to, int[] starts, int[] ends, int destination)
    {
        Array.Copy(alignStart, alignOffset + from, starts, destination, to - from);
        Array.Copy(alignEnd, alignOffset + from, ends, destination, to - from);
    }

    /// <summary>Number of UTF-16 units of the code point at <paramref name="index"/> (2 for a valid surrogate pair).</summary>
    internal static int UnitsAt(ReadOnlySpan<char> span, int index, int limit)
        => char.IsHighSurrogate(span[index]) && index + 1 < limit && char.IsLowSurrogate(span[index + 1]) ? 2 : 1;
}
