using Harness.Reporting.Results;

namespace Harness.Reporting.Tests;

/// <summary>Heatmap tokens read as the decoded text: each token's piece carries the spacing the decoder puts before it.</summary>
[Fast]
public sealed class TokenTextTests
{
    [Test]
    public void A_word_level_tokenizers_tokens_get_the_spaces_between_them_back()
    {
        var model = new ModelRecord("tiny-gpt2", RepositoryFolder.Combine("experiments", "models", "tiny-gpt2"), "float32", "cpu", new Dictionary<string, string>());
        var text = TokenText.For(model);

        // the chair costs . (ids from the fixture model's tokenizer.json)
        var pieces = text.Pieces([329, 62, 86, 5]);

        Assert.That(pieces, Is.EqualTo(new[] { "the", " chair", " costs", " ." }));
        Assert.That(text.Of(62), Is.EqualTo("chair"), "a token alone has no space");
    }

    [Test]
    public void Without_a_tokenizer_ids_are_shown_space_separated()
    {
        Assert.That(TokenText.For(null).Pieces([5, 6]), Is.EqualTo(new[] { "#5", " #6" }));
    }
}
