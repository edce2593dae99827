using System.Text;
using System.Text.Json.Nodes;

namespace Harness.Data.Catalog.Conversions;

/// <summary>imdb from a copy of the first 1003 rows of Kaggle's "IMDB Dataset of 50K Movie Reviews" CSV
/// (header `review,sentiment`, RFC 4180 quoting, reviews with their `&lt;br /&gt;` tags).</summary>
internal static class ImdbConversion
{
    public static IEnumerable<JsonObject> Rows(IReadOnlyList<string> files)
    {
        var records = Csv(File.ReadAllText(files[0], Encoding.UTF8));
        if (records.Count == 0 || records[0] is not ["review", "sentiment"]) throw RawText.Error(files[0], 1, "expected the header review,sentiment");
        return records.Skip(1).Select((record, row) =>
        {
            if (record is not [var review, ("positive" or "negative") and var sentiment]) throw RawText.Error(files[0], row + 2, "expected review,positive|negative");
            return new JsonObject
            {
                ["id"] = $"imdb-kaggle-{row:D4}", ["row"] = row, ["text"] = review, ["label"] = sentiment == "positive" ? 1 : 0, ["label_text"] = sentiment,
            };
        });
    }

    /// <summary>RFC 4180 records: fields separated by commas, quoted fields may hold commas, line breaks and doubled quotes.</summary>
    internal static List<string[]> Csv(string text)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c != '"') field.Append(c);
                else if (i + 1 < text.Length && text[i + 1] == '"') field.Append(text[++i]);
                else quoted = false;
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                fields.Add(field.ToString());
                field.Clear();
                records.Add([.. fields]);
                fields.Clear();
            }
            else field.Append(c);
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add([.. fields]);
        }

        return records;
    }
}
