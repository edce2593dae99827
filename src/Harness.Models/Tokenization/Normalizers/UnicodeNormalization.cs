namespace Harness.Models.Tokenization.Normalizers;

/// <summary>
/// NFD/NFKD/NFC/NFKC over a <see cref="NormalizedString"/>, producing the same (character,
/// change) stream as the <c>unicode-normalization-alignments</c> crate the reference uses, so
/// offsets agree: a composed character keeps the alignment of its first part, a decomposition's
/// extra characters are inserted after the first.
/// </summary>
internal static class UnicodeNormalization
{
    /// <summary>Normalizes <paramref name="input"/> (compose: NFC/NFKC; compatibility: NFK*).</summary>
    public static NormalizedString Apply(NormalizedString input, bool compose, bool compatibility)
    {
        ReadOnlySpan<char> span = input.Span;
        // Nothing below U+00A0 decomposes (U+00C0 without compatibility mappings), and NFC leaves
        // everything below U+0300 as it is: such text needs no work.
        char firstInteresting = compatibility ? '\u00A0' : compose ? '\u0300' : '\u00C0';
        if (!span.ContainsAnyInRange(firstInteresting, '\uFFFF')) return input;

        var data = UnicodeNormalizationData.Instance;
        var decomposed = Decompose(span, compatibility, data);
        var result = compose ? Recompose(decomposed, data) : decomposed;

        bool unchanged = true;
        int position = 0;
        foreach (var (codePoint, change) in result)
        {
            if (change != 0 || position >= span.Length) { unchanged = false; break; }
            int units = NormalizedString.UnitsAt(span, position, span.Length);
            int original = units == 2 ? char.ConvertToUtf32(span[position], span[position + 1]) : span[position];
            if (original != codePoint) { unchanged = false; break; }
            position += units;
        }
        if (unchanged && position == span.Length) return input;
        return input.Transform(result, 0);
    }

    private static List<(int CodePoint, int Change)> Decompose(ReadOnlySpan<char> span, bool compatibility, UnicodeNormalizationData data)
    {
        var output = new List<(int CodePoint, int Change)>(span.Length + 8);
        // Pending characters since the last starter: (combining class, code point, change).
        var pending = new List<(byte Class, int CodePoint, int Change)>();
        var hangul = new List<int>(3);

        void Push(int codePoint, bool first)
        {
            byte ccc = data.CombiningClass(codePoint);
            if (ccc == 0) Flush();
            pending.Add((ccc, codePoint, first ? 0 : 1));
        }

        void Flush()
        {
            if (pending.Count > 1)
            {
                // Canonical ordering: a stable insertion sort on the combining class (the starter, class 0, stays first).
                for (int i = 1; i < pending.Count; i++)
                {
                    var item = pending[i];
                    int j = i - 1;
                    while (j >= 0 && pending[j].Class > item.Class)
                    {
                        pending[j + 1] = pending[j];
                        j--;
                    }
                    pending[j + 1] = item;
                }
            }
            foreach (var p in pending) output.Add((p.CodePoint, p.Change));
            pending.Clear();
        }

        for (int i = 0; i < span.Length;)
        {
            int units = NormalizedString.UnitsAt(span, i, span.Length);
            int codePoint = units == 2 ? char.ConvertToUtf32(span[i], span[i + 1]) : span[i];
            i += units;
            if (codePoint < 0xA0)
            {
                // ASCII and C1 controls: starters that never decompose.
                Flush();
                pending.Add((0, codePoint, 0));
                continue;
            }
            if (Hangul.IsSyllable(codePoint))
            {
                hangul.Clear();
                Hangul.Decompose(codePoint, hangul);
                for (int k = 0; k < hangul.Count; k++) Push(hangul[k], k == 0);
                continue;
            }
            int[]? mapping = data.Decomposition(codePoint, compatibility);
            if (mapping is null)
            {
                Push(codePoint, true);
                continue;
            }
            for (int k = 0; k < mapping.Length; k++) Push(mapping[k], k == 0);
        }
        Flush();
        return output;
    }

    private static List<(int CodePoint, int Change)> Recompose(List<(int CodePoint, int Change)> decomposed, UnicodeNormalizationData data)
    {
        var output = new List<(int CodePoint, int Change)>(decomposed.Count);
        var buffer = new List<(int CodePoint, int Change)>();
        (int CodePoint, int Change)? composee = null;
        int lastClass = -1;

        foreach (var (ch, change) in decomposed)
        {
            byte ccc = data.CombiningClass(ch);
            if (ch < 0x300 && composee is { } previous && lastClass < 0)
            {
                // Below U+0300 nothing is the second part of a composition: a plain starter follows.
                output.Add(previous);
                composee = (ch, change);
                continue;
            }
            if (composee is not { } k)
            {
                if (ccc != 0)
                {
                    output.Add((ch, change));
                    continue;
                }
                composee = (ch, change);
                continue;
            }

            if (lastClass < 0)
            {
                if (data.TryCompose(k.CodePoint, ch, out int composite))
                {
                    composee = (composite, k.Change - 1 + change);
                    continue;
                }
                if (ccc == 0)
                {
                    output.Add(k);
                    composee = (ch, change);
                    continue;
                }
                buffer.Add((ch, change));
                lastClass = ccc;
                continue;
            }

            if (lastClass >= ccc)
            {
                // Blocked from the composee.
                if (ccc == 0)
                {
                    output.Add(k);
                    output.AddRange(buffer);
                    buffer.Clear();
                    composee = (ch, change);
                    lastClass = -1;
                    continue;
                }
                buffer.Add((ch, change));
                lastClass = ccc;
                continue;
            }

            if (data.TryCompose(k.CodePoint, ch, out int composed))
            {
                composee = (composed, k.Change - 1 + change);
                continue;
            }
            buffer.Add((ch, change));
            lastClass = ccc;
        }

        if (composee is { } last) output.Add(last);
        output.AddRange(buffer);
        return output;
    }
}
