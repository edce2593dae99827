namespace Harness.Models.Tokenization.Normalizers;

/// <summary>Algorithmic decomposition and composition of Hangul syllables (Unicode 3.12).</summary>
internal static class Hangul
{
    // Source: The Unicode Standard, section 3.12 "Conjoining Jamo Behavior".
    private const int SBase = 0xAC00, LBase = 0x1100, VBase = 0x1161, TBase = 0x11A7;
    private const int LCount = 19, VCount = 21, TCount = 28;
    private const int NCount = VCount * TCount, SCount = LCount * NCount;

    public static bool IsSyllable(int codePoint) => codePoint >= SBase && codePoint < SBase + SCount;

    public static void Decompose(int codePoint, List<int> output)
    {
        int s = codePoint - SBase;
        output.Add(LBase + s / NCount);
        output.Add(VBase + s % NCount / TCount);
        int t = s % TCount;
        if (t != 0) output.Add(TBase + t);
    }

    public static bool TryCompose(int first, int second, out int composite)
    {
        if (first >= LBase && first < LBase + LCount && second >= VBase && second < VBase + VCount)
        {
            composite = SBase + ((first - LBase) * VCount + (second - VBase)) * TCount;
            return true;
        }
        if (IsSyllable(first) && (first - SBase) % TCount == 0 && second > TBase && second < TBase + TCount)
        {
            composite = first + (second - TBase);
            return true;
        }
        composite = 0;
        return false;
    }
}
