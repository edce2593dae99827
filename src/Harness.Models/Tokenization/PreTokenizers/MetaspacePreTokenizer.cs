namespace Harness.Models.Tokenization.PreTokenizers;

/// <summary>
/// SentencePiece-style: spaces become the replacement character ('▁'), which is prepended per
/// <see cref="PrependScheme"/> and, when <c>split</c>, starts each word; tokenizer.json type <c>Metaspace</c>.
/// </summary>
internal sealed class MetaspacePreTokenizer : PreTokenizer
{
    private readonly LiteralPattern space = new(" ");
    private readonly LiteralPattern replacementPattern;

    /// <summary>Creates the pre-tokenizer.</summary>
    public MetaspacePreTokenizer(char replacement, PrependScheme prependScheme, bool split)
    {
        Replacement = replacement;
        PrependScheme = prependScheme;
        SplitWords = split;
        replacementPattern = new LiteralPattern(replacement.ToString());
    }

    /// <summary>The character standing for a space.</summary>
    public char Replacement { get; }

    /// <summary>When the replacement is put in front.</summary>
    public PrependScheme PrependScheme { get; }

    /// <summary>Whether the text is cut before every replacement character.</summary>
    public bool SplitWords { get; }

    /// <inheritdoc />
    public override void PreTokenize(NormalizedString input, List<NormalizedString> output)
    {
        string replacement = Replacement.ToString();
        input = input.Replace(space, replacement);
        bool prepend = PrependScheme switch
        {
            PrependScheme.Always => true,
            PrependScheme.First => input.OriginalStart == 0,
            _ => false,
        };
        if (prepend && (input.Length == 0 || input.Span[0] != Replacement)) input = input.Prepend(replacement);
        if (SplitWords) input.Split(replacementPattern, SplitDelimiterBehavior.MergedWithNext, invert: false, output);
        else if (input.Length > 0) output.Add(input);
    }
}
