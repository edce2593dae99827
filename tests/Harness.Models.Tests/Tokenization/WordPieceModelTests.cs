using Harness.Models.Tokenization.Models;

namespace Harness.Models.Tests.Tokenization;

/// <summary>WordPiece: greedy longest match first, the whole word unknown when a part is missing.</summary>
[TestFixture]
[Fast]
public sealed class WordPieceModelTests
{
    private readonly WordPieceModel model = new(
        new Dictionary<string, int> { ["[UNK]"] = 0, ["un"] = 1, ["##aff"] = 2, ["##able"] = 3, ["a"] = 4 },
        "[UNK]", "##", maxInputCharsPerWord: 10);

    [Test]
    public void Splits_into_the_longest_known_pieces()
    {
        var tokens = new List<ModelToken>();
        model.Tokenize("unaffable", tokens);
        Assert.That(tokens, Is.EqualTo(new[] { new ModelToken(1, "un", 0, 2), new ModelToken(2, "##aff", 2, 5), new ModelToken(3, "##able", 5, 9) }));
    }

    [TestCase("unx")]
    [TestCase("aaaaaaaaaaa")]
    public void Unknown_or_too_long_words_become_one_unknown_token(string word)
    {
        var tokens = new List<ModelToken>();
        model.Tokenize(word, tokens);
        Assert.That(tokens, Is.EqualTo(new[] { new ModelToken(0, "[UNK]", 0, word.Length) }));
    }
}
