using System.Globalization;

namespace Harness.Models.Tokenization.Normalizers;

/// <summary>
/// Canonical combining classes, full decompositions and primary composites, read once from the
/// embedded Data/UnicodeNormalizationData.txt (see the generator script beside it).
/// </summary>
internal sealed class UnicodeNormalizationData
{
    private const string ResourceName = "Harness.Models.UnicodeNormalizationData.txt";
    private static readonly Lazy<UnicodeNormalizationData> Shared = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<int, byte> combiningClasses;
    private readonly Dictionary<int, int[]> canonical;
    private readonly Dictionary<int, int[]> compatibility;
    private readonly Dictionary<long, int> composites;

    private UnicodeNormalizationData(Dictionary<int, byte> combiningClasses, Dictionary<int, int[]> canonical,
        Dictionary<int, int[]> compatibility, Dictionary<long, int> composites)
    {
        this.combiningClasses = combiningClasses;
        this.canonical = canonical;
        this.compatibility = compatibility;
        this.composites = composites;
    }

    /// <summary>The table, loaded on first use.</summary>
    public static UnicodeNormalizationData Instance => Shared.Value;

    /// <summary>Canonical combining class (0 for starters).</summary>
    public byte CombiningClass(int codePoint)
        => codePoint < 0x300 ? (byte)0 : combiningClasses.GetValueOrDefault(codePoint);

    /// <summary>Full (recursive) decomposition, or null when the character decomposes to itself.</summary>
    public int[]? Decomposition(int codePoint, bool compatibilityMapping)
    {
        if (compatibilityMapping && compatibility.TryGetValue(codePoint, out var k)) return k;
        return canonical.GetValueOrDefault(codePoint);
    }

    /// <summary>The primary composite of (first, second), if any (Hangul included).</summary>
    public bool TryCompose(int first, int second, out int composite)
    {
        if (Hangul.TryCompose(first, second, out composite)) return true;
        return composites.TryGetValue(((long)first << 21) | (uint)second, out composite);
    }

    private static UnicodeNormalizationData Load()
    {
        using var stream = typeof(UnicodeNormalizationData).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource '{ResourceName}' is missing from {typeof(UnicodeNormalizationData).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);

        var classes = new Dictionary<int, byte>();
        var canonicalOneLevel = new Dictionary<int, int[]>();
        var compatibilityOneLevel = new Dictionary<int, int[]>();
        var composites = new Dictionary<long, int>();
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            string[] fields = line.Split(';');
            int codePoint = int.Parse(fields[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            byte ccc = byte.Parse(fields[1], CultureInfo.InvariantCulture);
            if (ccc != 0) classes[codePoint] = ccc;
            if (fields[2].Length == 0) continue;
            int[] mapping = fields[3].Split(' ').Select(h => int.Parse(h, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToArray();
            switch (fields[2])
            {
                case "C":
                    canonicalOneLevel[codePoint] = mapping;
                    composites[((long)mapping[0] << 21) | (uint)mapping[1]] = codePoint;
                    break;
                case "c":
                    canonicalOneLevel[codePoint] = mapping;
                    break;
                case "K":
                    compatibilityOneLevel[codePoint] = mapping;
                    break;
                default:
                    throw new InvalidOperationException($"Bad line in {ResourceName}: '{line}'.");
            }
        }

        var canonicalFull = new Dictionary<int, int[]>(canonicalOneLevel.Count);
        foreach (int codePoint in canonicalOneLevel.Keys)
        {
            var expanded = new List<int>();
            Expand(codePoint, expanded, canonicalOneLevel, null);
            canonicalFull[codePoint] = expanded.ToArray();
        }
        var compatibilityFull = new Dictionary<int, int[]>(compatibilityOneLevel.Count);
        foreach (int codePoint in compatibilityOneLevel.Keys.Concat(canonicalOneLevel.Keys))
        {
            var expanded = new List<int>();
            Expand(codePoint, expanded, canonicalOneLevel, compatibilityOneLevel);
            if (expanded.Count != 1 || expanded[0] != codePoint) compatibilityFull[codePoint] = expanded.ToArray();
        }
        return new UnicodeNormalizationData(classes, canonicalFull, compatibilityFull, composites);
    }

    private static void Expand(int codePoint, List<int> output, Dictionary<int, int[]> canonical, Dictionary<int, int[]>? compatibility)
    {
        if (Hangul.IsSyllable(codePoint))
        {
            Hangul.Decompose(codePoint, output);
            return;
        }
        if ((compatibility is not null && compatibility.TryGetValue(codePoint, out var mapping)) || canonical.TryGetValue(codePoint, out mapping))
        {
            foreach (int part in mapping) Expand(part, output, canonical, compatibility);
            return;
        }
        output.Add(codePoint);
    }
}
