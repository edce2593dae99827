using System.Net;

namespace Harness.Reporting.Html;

/// <summary>Escaping for text and attributes, and for JSON inside a script element.</summary>
public static class HtmlText
{
    public static string Encode(string text) => WebUtility.HtmlEncode(text);

    /// <summary>JSON that is safe inside &lt;script type="application/json"&gt;: every "&lt;" (which JSON holds only inside
    /// strings) becomes \u003c, so neither "&lt;/script&gt;" nor "&lt;!--&lt;script&gt;" (which switches the HTML parser into its
    /// double-escaped script state and swallows the rest of the page) can appear; the parsed value is unchanged.</summary>
    public static string ScriptJson(string json) => json.Replace("<", "\\u003c", StringComparison.Ordinal);
}
