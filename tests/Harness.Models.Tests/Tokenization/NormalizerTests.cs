using Harness.Models.Tokenization;
using Harness.Models.Tokenization.Normalizers;

namespace Harness.Models.Tests.Tokenization;

/// <summary>Normalizers rewrite text and keep, for every new character, the original span the reference gives it.</summary>
[TestFixture]
[Fast]
public sealed class NormalizerTests
{
    [Test]
    public void Nfc_composes_and_aligns_the_composite_to_its_first_part()
    {
        var result = Normalize(new NfcNormalizer(), "e\u0301 A\u030A");
        Assert.Multiple(() =>
        {
            Assert.That(result.ToString(), Is.EqualTo("\u00E9 \u00C5"));
            Assert.That(Alignments(result), Is.EqualTo(new[] { (0, 1), (2, 3), (3, 4) }));
        });
    }

    [Test]
    public void Nfd_decomposes_and_aligns_every_part_to_the_precomposed_character()
    {
        var result = Normalize(new NfdNormalizer(), "\u00E9a");
        Assert.Multiple(() =>
        {
            Assert.That(result.ToString(), Is.EqualTo("e\u0301a"));
            Assert.That(Alignments(result), Is.EqualTo(new[] { (0, 1), (0, 1), (1, 2) }));
        });
    }

    [TestCase("\uFB01nance", "finance")]
    [TestCase("\u2460 \u00BD", "1 1\u20442")]
    [TestCase("\uFF21\uFF42", "Ab")]
    public void Nfkc_applies_compatibility_mappings(string input, string expected)
        => Assert.That(Normalize(new NfkcNormalizer(), input).ToString(), Is.EqualTo(expected));

    [Test]
    public void Hangul_jamo_compose_and_syllables_decompose()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Normalize(new NfcNormalizer(), "\u1100\u1161\u11A8").ToString(), Is.EqualTo("\uAC01"));
            Assert.That(Normalize(new NfdNormalizer(), "\uAC01").ToString(), Is.EqualTo("\u1100\u1161\u11A8"));
        });
    }

    [Test]
    public void Canonical_ordering_sorts_combining_marks_by_class()
    {
        // U+0323 (class 220) must come before U+0307 (class 230); NFC then composes to U+1E0D U+0307.
        Assert.Multiple(() =>
        {
            Assert.That(Normalize(new NfdNormalizer(), "d\u0307\u0323").ToString(), Is.EqualTo("d\u0323\u0307"));
            Assert.That(Normalize(new NfcNormalizer(), "d\u0307\u0323").ToString(), Is.EqualTo("\u1E0D\u0307"));
        });
    }

    [Test]
    public void Prepend_then_replace_gives_llama_offsets()
    {
        var sequence = new SequenceNormalizer([new PrependNormalizer("\u2581"), new ReplaceNormalizer(new LiteralPattern(" "), "\u2581")]);
        var result = Normalize(sequence, " Hi");
        Assert.Multiple(() =>
        {
            Assert.That(result.ToString(), Is.EqualTo("\u2581\u2581Hi"));
            Assert.That(Alignments(result), Is.EqualTo(new[] { (0, 1), (0, 1), (1, 2), (2, 3) }));
        });
    }

    [Test]
    public void Lowercase_uses_the_full_mapping_of_dotted_capital_i()
    {
        var result = Normalize(new LowercaseNormalizer(), "\u0130A");
        Assert.Multiple(() =>
        {
            Assert.That(result.ToString(), Is.EqualTo("i\u0307a"));
            Assert.That(Alignments(result), Is.EqualTo(new[] { (0, 1), (0, 1), (1, 2) }));
        });
    }

    [Test]
    public void Bert_normalizer_pads_ideographs_strips_accents_and_lowercases()
    {
        var result = Normalize(new BertNormalizer(cleanText: true, handleChineseChars: true, stripAccents: null, lowercase: true), "Caf\u00E9\t\u4E2D\u0000");
        Assert.That(result.ToString(), Is.EqualTo("cafe  \u4E2D "));
    }

    private static NormalizedString Normalize(Normalizer normalizer, string text)
        => normalizer.Normalize(NormalizedString.FromOriginal(text, 0, text.Length));

    private static (int, int)[] Alignments(NormalizedString s)
        => Enumerable.Range(0, s.Length).Select(i => s.AlignmentAt(i)).ToArray();
}
