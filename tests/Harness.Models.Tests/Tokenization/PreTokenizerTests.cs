using Harness.Models.Tokenization;
using Harness.Models.Tokenization.PreTokenizers;

namespace Harness.Models.Tests.Tokenization;

/// <summary>Pre-tokenizers and patterns: split behaviors, per-code-point regex matching, Metaspace offsets.</summary>
[TestFixture]
[Fast]
public sealed class PreTokenizerTests
{
    private const string Llama3Pattern = @"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";

    [TestCase(SplitDelimiterBehavior.Removed, new[] { "the", "final", "countdown" })]
    [TestCase(SplitDelimiterBehavior.Isolated, new[] { "the", "-", "final", "-", "-", "countdown" })]
    [TestCase(SplitDelimiterBehavior.MergedWithPrevious, new[] { "the-", "final-", "-", "countdown" })]
    [TestCase(SplitDelimiterBehavior.MergedWithNext, new[] { "the", "-final", "-", "-countdown" })]
    [TestCase(SplitDelimiterBehavior.Contiguous, new[] { "the", "-", "final", "--", "countdown" })]
    public void Split_behaviors_follow_the_reference(SplitDelimiterBehavior behavior, string[] expected)
        => Assert.That(Pieces(new SplitPreTokenizer(new LiteralPattern("-"), behavior, invert: false), "the-final--countdown"), Is.EqualTo(expected));

    [Test]
    public void Astral_characters_are_matched_as_single_code_points()
    {
        // Oniguruma sees one character where .NET sees two surrogates: "😀a" is one match of
        // [^\r\n\p{L}\p{N}]?\p{L}+, and a mathematical bold letter is a letter.
        var pattern = new RegexPattern(Llama3Pattern);
        Assert.Multiple(() =>
        {
            Assert.That(Matches(pattern, "\U0001F600a b"), Is.EqualTo(new[] { (0, 3), (3, 5) }));
            Assert.That(Matches(new RegexPattern(@"\p{L}+"), "x\U0001D400\U0001D401!"), Is.EqualTo(new[] { (0, 5) }));
            Assert.That(Matches(pattern, "\U0001F600\U0001F389!"), Is.EqualTo(new[] { (0, 5) }));
        });
    }

    [Test]
    public void Word_classes_follow_the_reference_engines()
    {
        // tokenizer.json regexes run on Oniguruma, whose \w also covers ½, letter numbers and
        // spacing marks; the Whitespace pre-tokenizer runs on Rust's regex crate, whose \w covers
        // the zero-width joiner but not ½.
        Assert.Multiple(() =>
        {
            Assert.That(Matches(new RegexPattern(@"\w+"), "x\u00BD\u216B \u0915\u093E\u200D"), Is.EqualTo(new[] { (0, 3), (4, 6) }));
            Assert.That(Pieces(new WhitespacePreTokenizer(), "a\u200Db \u00BD\u216B"), Is.EqualTo(new[] { "a\u200Db", "\u00BD", "\u216B" }));
        });
    }

    [TestCase(@"[[:alpha:]]")]
    [TestCase(@"[\W\d]")]
    public void Oniguruma_syntax_without_a_faithful_translation_is_rejected(string pattern)
        => Assert.Throws<ArgumentException>(() => _ = new RegexPattern(pattern));

    [Test]
    public void Metaspace_replaces_spaces_prepends_and_splits_before_each_word()
    {
        var pre = new MetaspacePreTokenizer('\u2581', PrependScheme.Always, split: true);
        var pieces = new List<NormalizedString>();
        pre.PreTokenize(NormalizedString.FromOriginal("Hey   friend!", 0, 13), pieces);
        Assert.Multiple(() =>
        {
            Assert.That(pieces.Select(p => p.ToString()), Is.EqualTo(new[] { "\u2581Hey", "\u2581", "\u2581", "\u2581friend!" }));
            Assert.That(pieces.Select(p => p.ToOriginal(0, p.Length)), Is.EqualTo(new[] { (0, 3), (3, 4), (4, 5), (5, 13) }));
        });
    }

    [Test]
    public void Byte_level_maps_every_byte_and_keeps_the_character_offsets()
    {
        var pre = new ByteLevelPreTokenizer(addPrefixSpace: false, useRegex: true);
        var pieces = new List<NormalizedString>();
        const string text = "Hi \u00E9t\u00E9 \U0001F600";
        pre.PreTokenize(NormalizedString.FromOriginal(text, 0, text.Length), pieces);
        Assert.Multiple(() =>
        {
            Assert.That(pieces.Select(p => p.ToString()), Is.EqualTo(new[] { "Hi", "\u0120\u00C3\u00A9t\u00C3\u00A9", "\u0120\u00F0\u0141\u013A\u0122" }));
            Assert.That(pieces.Select(p => p.ToOriginal(0, p.Length)), Is.EqualTo(new[] { (0, 2), (2, 6), (6, 9) }));
            Assert.That(pieces[2].ToOriginal(1, 2), Is.EqualTo((7, 9)));
        });
    }

    [Test]
    public void Bert_pre_tokenizer_drops_whitespace_and_isolates_punctuation()
        => Assert.That(Pieces(new BertPreTokenizer(), "Hello, world!  ok"), Is.EqualTo(new[] { "Hello", ",", "world", "!", "ok" }));

    private static string[] Pieces(PreTokenizer preTokenizer, string text)
    {
        var pieces = new List<NormalizedString>();
        preTokenizer.PreTokenize(NormalizedString.FromOriginal(text, 0, text.Length), pieces);
        return pieces.Select(p => p.ToString()).ToArray();
    }

    private static (int, int)[] Matches(SplitPattern pattern, string text)
    {
        var matches = new List<(int Start, int End)>();
        pattern.FindMatches(text, matches);
        return matches.Select(m => (m.Start, m.End)).ToArray();
    }
}
