namespace Harness.Models.Tokenization;

/// <summary>Accumulates rewritten text and the alignment of each new UTF-16 unit into a <see cref="NormalizedString"/>.</summary>
internal sealed class NormalizedStringBuilder(int capacity)
{
    private char[] chars = new char[Math.Max(4, capacity)];
    private int[] starts = new int[Math.Max(4, capacity)];
    private int[] ends = new int[Math.Max(4, capacity)];

    public int Length { get; private set; }

    public void Append(int codePoint, int start, int end)
    {
        EnsureCapacity(Length + 2);
        if (codePoint > 0xFFFF)
        {
            int v = codePoint - 0x10000;
            Put((char)(0xD800 + (v >> 10)), start, end);
            Put((char)(0xDC00 + (v & 0x3FF)), start, end);
        }
        else
        {
            Put((char)codePoint, start, end);
        }
    }

    public void AppendString(string value, int start, int end) => AppendUnits(value, start, end);

    public void AppendUnits(ReadOnlySpan<char> value, int start, int end)
    {
        EnsureCapacity(Length + value.Length);
        foreach (char c in value) Put(c, start, end);
    }

    public void AppendUnchanged(NormalizedString source, int from, int to)
    {
        if (to <= from) return;
        int count = to - from;
        EnsureCapacity(Length + count);
        source.Span[from..to].CopyTo(chars.AsSpan(Length));
        source.CopyAlignments(from, to, starts, ends, Length);
        Length += count;
    }

    public NormalizedString Build()
        => new(new string(chars, 0, Length), 0, Length, starts, ends, 0);

    private void Put(char c, int start, int end)
    {
        chars[Length] = c;
        starts[Length] = start;
        ends[Length] = end;
        Length++;
    }

    private void EnsureCapacity(int needed)
    {
        if (needed <= chars.Length) return;
        int size = Math.Max(needed, chars.Length * 2);
        Array.Resize(ref chars, size);
        Array.Resize(ref starts, size);
        Array.Resize(ref ends, size);
    }
}
