using Harness.Models.Tokenization.Decoders;
using Harness.Models.Tokenization.PreTokenizers;

namespace Harness.Models.Tests.Tokenization;

/// <summary>Decoders: invalid byte sequences, stripping, Metaspace and WordPiece joining.</summary>
[TestFixture]
[Fast]
public sealed class DecoderTests
{
    [Test]
    public void Byte_fallback_spells_utf8_and_replaces_each_byte_of_an_invalid_run()
    {
        var decoder = new ByteFallbackDecoder();
        Assert.Multiple(() =>
        {
            Assert.That(decoder.DecodeChain(["a", "<0xE2>", "<0x96>", "<0x81>", "b"]), Is.EqualTo(new[] { "a", "\u2581", "b" }));
            Assert.That(decoder.DecodeChain(["<0xE2>", "<0x96>", "x"]), Is.EqualTo(new[] { "\uFFFD", "\uFFFD", "x" }));
        });
    }

    [Test]
    public void Byte_level_decodes_lossily()
        => Assert.That(new ByteLevelDecoder().Decode(["\u00C3", "\u00A9", "\u00C3"]), Is.EqualTo("\u00E9\uFFFD"));

    [Test]
    public void Strip_removes_at_most_the_given_counts()
        => Assert.That(new StripDecoder(" ", 1, 1).DecodeChain(["  a  ", "b"]), Is.EqualTo(new[] { " a ", "b" }));

    [Test]
    public void Metaspace_drops_the_first_prefix_only_when_it_was_prepended()
    {
        Assert.Multiple(() =>
        {
            Assert.That(new MetaspaceDecoder('\u2581', PrependScheme.Always).Decode(["\u2581Hey", "\u2581friend!"]), Is.EqualTo("Hey friend!"));
            Assert.That(new MetaspaceDecoder('\u2581', PrependScheme.Never).Decode(["\u2581Hey", "\u2581friend!"]), Is.EqualTo(" Hey friend!"));
        });
    }

    [Test]
    public void Word_piece_glues_continuations_and_cleans_up()
        => Assert.That(new WordPieceDecoder("##", cleanup: true).Decode(["un", "##aff", "##able", "day", "."]), Is.EqualTo("unaffable day."));
}
