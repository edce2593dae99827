using Harness.Data.Segmentation;
using Harness.Models.Tokenization;

namespace Harness.Data.Tests;

[Fast]
public class SourceSegmenterTests
{
    // "The cat sat. It ran!\nEnd" tokenised GPT-2 style: a leading space belongs to the next token.
    private const string Text = "The cat sat. It ran!\nEnd";

    private static readonly Token[] Tokens =
    [
        new(0, "The", 0..3), new(1, " cat", 3..7), new(2, " s", 7..9), new(3, "at", 9..11), new(4, ".", 11..12),
        new(5, " It", 12..15), new(6, " ran", 15..19), new(7, "!", 19..20), new(8, "\n", 20..21), new(9, "End", 21..24),
    ];

    [Test]
    public void Words_join_tokens_with_no_whitespace_between_them()
    {
        var sources = SourceSegmenter.Segment(Text, Tokens, 0, Tokens.Length, SourceUnit.Word);

        Assert.That(sources.Groups, Is.EqualTo(new[] { new[] { 0 }, [1], [2, 3, 4], [5], [6, 7], [8], [9] }));
        Assert.That(sources.Labels, Is.EqualTo(new[] { "The", " cat", " sat.", " It", " ran!", "\n", "End" }));
    }

    [Test]
    public void Sentences_are_AT2s_Punkt_sentences_and_the_line_break_between_them_stays_fixed()
    {
        var sources = SourceSegmenter.Segment(Text, Tokens, 0, Tokens.Length, SourceUnit.Sentence);

        Assert.That(sources.Groups, Is.EqualTo(new[] { new[] { 0, 1, 2, 3, 4 }, [5, 6, 7], [9] }));
        Assert.That(sources.Labels, Is.EqualTo(new[] { "The cat sat.", "It ran!", "End" }));
    }

    [Test]
    public void An_abbreviation_does_not_end_a_sentence()
    {
        const string text = "Dr. Who came. He left.";
        Token[] tokens = [new(0, "Dr", 0..2), new(1, ".", 2..3), new(2, " Who", 3..7), new(3, " came", 7..12), new(4, ".", 12..13), new(5, " He", 13..16), new(6, " left", 16..21), new(7, ".", 21..22)];

        var sources = SourceSegmenter.Segment(text, tokens, 0, tokens.Length, SourceUnit.Sentence);

        Assert.That(sources.Labels, Is.EqualTo(new[] { "Dr. Who came.", "He left." }));
    }

    [Test]
    public void Positions_are_relative_to_the_region()
    {
        var sources = SourceSegmenter.Segment(Text, Tokens, 5, 3, SourceUnit.Word);

        Assert.That(sources.Groups, Is.EqualTo(new[] { new[] { 0 }, [1, 2] }));
    }

    [Test]
    public void Tokens_that_cover_no_text_are_words_of_their_own_and_in_no_sentence()
    {
        Token[] withBos = [new(50, "<s>", 0..0), .. Tokens.Take(2)];

        Assert.That(SourceSegmenter.Segment(Text, withBos, 0, 3, SourceUnit.Word).Groups, Is.EqualTo(new[] { new[] { 0 }, [1], [2] }));
        Assert.That(SourceSegmenter.Segment(Text, withBos, 0, 3, SourceUnit.Sentence).Groups, Is.EqualTo(new[] { new[] { 1, 2 } }));
    }

    [Test]
    public void Character_spans_group_tokens_and_leave_the_rest_fixed()
    {
        var sources = SourceSegmenter.FromCharacterSpans(Text, Tokens, 0, Tokens.Length, [(4, 12), (21, 24)]);

        Assert.That(sources.Groups, Is.EqualTo(new[] { new[] { 1, 2, 3, 4 }, [9] }));
        Assert.That(sources.Labels, Is.EqualTo(new[] { "cat sat.", "End" }));
    }

    [Test]
    public void Aggregation_sums_token_scores_and_keep_masks_expand_to_tokens()
    {
        var sources = new Sources([[0, 2], [3]]);

        Assert.That(sources.Aggregate([1f, 10f, 2f, 4f]), Is.EqualTo(new[] { 3f, 4f }));
        Assert.That(sources.ExpandKeepMask([false, true], 4), Is.EqualTo(new[] { false, true, false, true }));
    }

    [Test]
    public void Overlapping_or_empty_sources_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => _ = new Sources([[0, 1], [1]]));
        Assert.Throws<ArgumentException>(() => _ = new Sources([[0], []]));
    }
}
