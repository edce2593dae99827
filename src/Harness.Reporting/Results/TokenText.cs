using Harness.Models.Tokenization;

namespace Harness.Reporting.Results;

/// <summary>Token ids as text for heatmaps, from the model folder's tokenizer.json when it is still there
/// (the report may run on another machine than the run); "#id" otherwise.</summary>
public sealed class TokenText
{
    private readonly Tokenizer? tokenizer;

    private TokenText(Tokenizer? tokenizer) => this.tokenizer = tokenizer;

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

    public string Of(IEnumerable<long> ids) => string.Concat(ids.Select(Of));
}
