using Harness.Models.Tokenization;

namespace Harness.Reporting.Results;

/// <summary>Token ids as text for heatmaps, from the model folder's tokenizer.json when it is still there
/// (the report may run on another machine than the run); "#id" otherwise.</summary>
public sealed class TokenText
{
    private readonly Tokenizer? tokenizer;

    private readonly Dictionary<IReadOnlyList<long>, IReadOnlyList<string>> pieces = new(ReferenceEqualityComparer.Instance);

    private TokenText(Tokenizer? tokenizer) => this.tokenizer = tokenizer;

    /// <summary>Token text for <paramref name="model"/>'s tokenizer, or "#id" text when the model is unknown or its folder is gone.</summary>
    public static TokenText For(ModelRecord? model)
    {
        var path = model is null ? null : Path.Combine(model.Folder, "tokenizer.json");
        return new TokenText(path is not null && File.Exists(path) ? Tokenizer.FromFile(path) : null);
    }

    /// <summary>The token's text; its vocabulary entry when it decodes to nothing (special or unknown tokens), "#id" when it has none.</summary>
    public string Of(long id)
    {
        if (tokenizer is null) return $"#{id}";
        var text = tokenizer.Decode([(int)id], skipSpecialTokens: false);
        return text.Length > 0 ? text : tokenizer.IdToToken((int)id) ?? $"#{id}";
    }

    /// <summary>The tokens of <paramref name="ids"/> as one string.</summary>
    public string Of(IEnumerable<long> ids) => string.Concat(ids.Select(Of));

    /// <summary>
    /// The text each token adds when <paramref name="ids"/> is decoded left to right, so the pieces concatenate to the
    /// decoded text with its spacing: a word-level tokenizer's decoder puts the spaces between tokens, which no single
    /// token's text has. Where a prefix's text is not extended by the next (a byte-level token that completes a
    /// character), the token's own text stands in; without a tokenizer "#id" pieces are space-separated.
    /// </summary>
    public IReadOnlyList<string> Pieces(IReadOnlyList<long> ids)
    {
        // Every attributor's heatmap of an example decodes the same context array (quadratic in its length): once is enough.
        if (!pieces.TryGetValue(ids, out var cached)) pieces[ids] = cached = Decode(ids);
        return cached;
    }

    private IReadOnlyList<string> Decode(IReadOnlyList<long> ids)
    {
        if (tokenizer is null) return ids.Select((id, i) => i == 0 ? $"#{id}" : $" #{id}").ToList();
        var result = new List<string>(ids.Count);
        var previous = "";
        for (var i = 0; i < ids.Count; i++)
        {
            var text = tokenizer.Decode(ids.Take(i + 1).Select(id => (int)id).ToList(), skipSpecialTokens: false);
            result.Add(text.StartsWith(previous, StringComparison.Ordinal) && text.Length > previous.Length ? text[previous.Length..] : Of(ids[i]));
            previous = text;
        }

        return result;
    }
}
