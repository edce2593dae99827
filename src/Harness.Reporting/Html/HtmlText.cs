using System.Net;

namespace Harness.Reporting.Html;

/// <summary>Escaping for text and attributes.</summary>
internal static class HtmlText
{
    public static string Encode(string text) => WebUtility.HtmlEncode(text);
}
