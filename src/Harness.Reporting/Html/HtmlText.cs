using System.Net;

namespace Harness.Reporting.Html;

/// <summary>Escaping for text and attributes, and for JSON inside a script element.</summary>
internal static class HtmlText
{
    public static string Encode(string text) => WebUtility.HtmlEncode(text);

    /// <summary>JSON that is safe inside &lt;script type="application/json"&gt;: no "&lt;/" can end the element early.</summary>
    public static string ScriptJson(string json) => json.Replace("</", "<\\/", StringComparison.Ordinal);
}
