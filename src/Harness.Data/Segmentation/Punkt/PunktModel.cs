namespace Harness.Data.Segmentation.Punkt;

/// <summary>
/// The parameters of a trained Punkt model (Kiss &amp; Strunk 2006), as NLTK's punkt_tab folders hold them and
/// nltk/tabdata.py's PunktDecoder reads them: each file's lines minus the final newline (nothing else is stripped, so
/// the abbreviation ". . " keeps its trailing space). <see cref="English"/> is punkt_tab/english, what
/// `nltk.sent_tokenize` loads since NLTK 3.8.2 (english/README.md says where each file comes from).
/// </summary>
public sealed class PunktModel
{
    /// <summary>Abbreviation types, lower case and without their final period.</summary>
    public required IReadOnlySet<string> AbbreviationTypes { get; init; }

    /// <summary>Word-type pairs across which a period is not a sentence break.</summary>
    public required IReadOnlySet<(string First, string Second)> Collocations { get; init; }

    /// <summary>Types that frequently start a sentence.</summary>
    public required IReadOnlySet<string> SentenceStarters { get; init; }

    /// <summary>Each type's orthographic contexts seen in training (bit flags; a type not listed has none).</summary>
    public required IReadOnlyDictionary<string, int> OrthographicContext { get; init; }

    private static readonly Lazy<PunktModel> english = new(() => Load("english"));

    /// <summary>NLTK's punkt_tab/english.</summary>
    public static PunktModel English => english.Value;

    private static PunktModel Load(string language)
    {
        List<string> Lines(string file)
        {
            var name = $"Harness.Data.Segmentation.Punkt.{language}.{file}";
            using var stream = typeof(PunktModel).Assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"the Punkt model file {name} is not embedded in Harness.Data");
            using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
            // PunktDecoder iterates the file's lines and drops one final "\n" from each: split on "\n" exactly.
            var lines = reader.ReadToEnd().Split('\n').ToList();
            if (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
            return lines;
        }

        (string, string) Pair(string line, string file)
        {
            var parts = line.Split('\t');
            return parts.Length == 2 ? (parts[0], parts[1]) : throw new InvalidOperationException($"Punkt {language}/{file}: expected two tab-separated fields, found \"{line}\"");
        }

        return new PunktModel
        {
            AbbreviationTypes = Lines("abbrev_types.txt").ToHashSet(StringComparer.Ordinal),
            Collocations = Lines("collocations.tab").Select(l => Pair(l, "collocations.tab")).ToHashSet(),
            SentenceStarters = Lines("sent_starters.txt").ToHashSet(StringComparer.Ordinal),
            OrthographicContext = Lines("ortho_context.tab").Select(l => Pair(l, "ortho_context.tab"))
                .ToDictionary(p => p.Item1, p => int.Parse(p.Item2, System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal),
        };
    }
}
