namespace Harness.Models.Tokenization;

/// <summary>
/// The result of encoding one text: tokens (id, string, offsets into <see cref="Text"/>) with, per
/// token, whether the post-processor added it (<see cref="SpecialTokensMask"/>) and its sequence type id.
/// </summary>
public sealed record Encoding
{
    /// <summary>Builds an encoding of <paramref name="text"/>; the three lists must have the same length.</summary>
    public Encoding(string text, IReadOnlyList<Token> tokens, IReadOnlyList<int> specialTokensMask, IReadOnlyList<int> typeIds)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(specialTokensMask);
        ArgumentNullException.ThrowIfNull(typeIds);
        if (specialTokensMask.Count != tokens.Count || typeIds.Count != tokens.Count)
            throw new ArgumentException($"{tokens.Count} tokens but {specialTokensMask.Count} mask entries and {typeIds.Count} type ids.");
        Text = text;
        Tokens = tokens;
        SpecialTokensMask = specialTokensMask;
        TypeIds = typeIds;
        var ids = new int[tokens.Count];
        for (int i = 0; i < ids.Length; i++) ids[i] = tokens[i].Id;
        Ids = ids;
    }

    /// <summary>The original text; token offsets index into it.</summary>
    public string Text { get; }

    /// <summary>The tokens, in order.</summary>
    public IReadOnlyList<Token> Tokens { get; }

    /// <summary>The token ids, in order.</summary>
    public IReadOnlyList<int> Ids { get; }

    /// <summary>1 for tokens the post-processor added (BOS, CLS, ...), 0 for tokens of the text, special ones included.</summary>
    public IReadOnlyList<int> SpecialTokensMask { get; }

    /// <summary>Sequence type id of every token (0 for a single sequence unless a template says otherwise).</summary>
    public IReadOnlyList<int> TypeIds { get; }

    /// <summary>Number of tokens.</summary>
    public int Count => Tokens.Count;
}
