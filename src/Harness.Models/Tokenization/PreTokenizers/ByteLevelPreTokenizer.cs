namespace Harness.Models.Tokenization.PreTokenizers;

/// <summary>
/// GPT-2's pre-tokenizer: optional leading space, the GPT-2 regex split (unless
/// <c>use_regex</c> is false), then every byte as a visible character; tokenizer.json type <c>ByteLevel</c>.
/// </summary>
internal sealed class ByteLevelPreTokenizer(bool addPrefixSpace, bool useRegex) : PreTokenizer
{
    /// <summary>GPT-2's word pattern. Source: openai/gpt-2 encoder.py; tokenizers byte_level.rs.</summary>
    public const string Gpt2Pattern = @"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+";

    private readonly RegexPattern? regex = useRegex ? new RegexPattern(Gpt2Pattern) : null;

    /// <summary>Whether a space is put in front of text that does not start with one.</summary>
    public bool AddPrefixSpace { get; } = addPrefixSpace;

    /// <summary>Whether the GPT-2 regex splits the text first.</summary>
    public bool UseRegex { get; } = useRegex;

    /// <inheritdoc />
    public override void PreTokenize(NormalizedString input, List<NormalizedString> output)
    {
        if (AddPrefixSpace && (input.Length == 0 || input.Span[0] != ' ')) input = input.Prepend(" ");
        if (input.Length == 0) return;
        // The byte mapping is per character, so mapping the whole text once and cutting it at the
        // mapped split points equals the reference's split-then-map, with fewer allocations.
        var mapped = ByteLevelAlphabet.Transform(input, out int[]? positions);
        if (regex is null)
        {
            output.Add(mapped);
            return;
        }
        var matches = new List<(int Start, int End)>();
        regex.FindMatches(input.Span, matches);
        // Isolated: every match and every gap between matches is a piece.
        int previous = 0;
        foreach (var (start, end) in matches)
        {
            if (start > previous) output.Add(Cut(mapped, positions, previous, start));
            if (end > start) output.Add(Cut(mapped, positions, start, end));
            previous = end;
        }
        if (previous < input.Length) output.Add(Cut(mapped, positions, previous, input.Length));
    }

    private static NormalizedString Cut(NormalizedString mapped, int[]? positions, int start, int end)
        => positions is null ? mapped.Slice(start, end) : mapped.Slice(positions[start], positions[end]);
}
