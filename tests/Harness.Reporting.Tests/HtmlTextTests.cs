using System.Text.Json;
using Harness.Reporting.Html;

namespace Harness.Reporting.Tests;

/// <summary>Names from a run (datasets, attributors, tokens) cannot break the HTML report's embedded figure specs.</summary>
public sealed class HtmlTextTests
{
    [TestCase("<!--<script>")]
    [TestCase("</script><script>alert(1)</script>")]
    [TestCase("a < b")]
    public void Script_json_holds_no_angle_bracket_and_parses_to_the_same_value(string hostile)
    {
        var json = JsonSerializer.Serialize(new { title = hostile, values = new[] { hostile } });

        var safe = HtmlText.ScriptJson(json);

        Assert.That(safe, Does.Not.Contain("<"));
        Assert.That(JsonDocument.Parse(safe).RootElement.GetProperty("title").GetString(), Is.EqualTo(hostile));
    }
}
