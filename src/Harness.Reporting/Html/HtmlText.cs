using System.Net;

namespace Harness.Reporting.Html;

/// <summary>Escaping for text and attributes.</summary>
public static class HtmlText
{
    public static string Encode(string text) => WebUtility.HtmlEncode(text);
}
