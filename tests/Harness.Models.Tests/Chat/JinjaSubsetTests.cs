using System.Text.Json;
using Harness.Models.Chat.Jinja;

namespace Harness.Models.Tests.Chat;

/// <summary>
/// Each construct of the Jinja subset renders as Jinja2 3.1.2 renders it in the environment transformers
/// 4.45.1 compiles chat templates with (expected.json "constructs", from gen_chat_templates.py); constructs
/// outside the subset fail with one line naming the construct and its template line.
/// </summary>
[Fast]
public sealed class JinjaSubsetTests
{
    private static readonly string Expected = RepositoryFolder.Combine("tests", "Harness.Models.Tests", "Fixtures", "ChatTemplates", "expected.json");

    public static IEnumerable<TestCaseData> Constructs()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Expected));
        foreach (var construct in document.RootElement.GetProperty("constructs").EnumerateArray())
            yield return new TestCaseData(construct.GetProperty("name").GetString()!).SetName("construct: " + construct.GetProperty("name").GetString());
    }

    [TestCaseSource(nameof(Constructs))]
    public void Renders_as_jinja2_renders(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Expected));
        var construct = document.RootElement.GetProperty("constructs").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
        var variables = construct.GetProperty("variables").EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone());
        var template = JinjaTemplate.Parse(construct.GetProperty("template").GetString()!);
        if (construct.TryGetProperty("error", out var error))
            Assert.That(Assert.Throws<ChatTemplateRaisedException>(() => template.Render(variables))!.TemplateMessage, Is.EqualTo(error.GetString()));
        else
            Assert.That(template.Render(variables), Is.EqualTo(construct.GetProperty("text").GetString()));
    }

    [TestCase("{% macro greet(n) %}hi{% endmacro %}", "line 1: '{% macro %}' is not supported")]
    [TestCase("a\n{% include 'other.jinja' %}", "line 2: '{% include %}' is not supported")]
    [TestCase("{% raw %}{{ x }}{% endraw %}", "'{% raw %}' is not supported")]
    [TestCase("{{ x | wordwrap(10) }}", "filter 'wordwrap' is not supported")]
    [TestCase("{{ x is prime }}", "test 'prime' is not supported")]
    [TestCase("{% for x in y recursive %}{% endfor %}", "recursive for loops are not supported")]
    [TestCase("{% if x %}open", "'{% if %}' is never closed with '{% endif %}'")]
    [TestCase("{{ 'a' %", "'{{' is never closed with '}}'")]
    [TestCase("{% set a, b = 1, 2 %}", "tuple assignment in '{% set %}' is not supported")]
    [TestCase("x\n{{ 'a'.zfill(3) }}", "line 2: str.zfill() is not supported")]
    [TestCase("{% for m in [1, 2] %}{{ loop.cycle('odd', 'even') }}{% endfor %}", "line 1: loop.cycle() is not supported")]
    public void Unsupported_constructs_fail_naming_the_construct(string source, string expected)
    {
        var error = Assert.Catch<JinjaException>(() => JinjaTemplate.Parse(source).Render(new Dictionary<string, object?> { ["x"] = 1, ["y"] = new List<object?>() }));
        Assert.That(error!.Message, Does.Contain(expected));
        Assert.That(error.Message, Does.Not.Contain("\n"));
    }

    [Test]
    public void Undefined_values_print_as_nothing_but_fail_when_used_further()
    {
        Assert.That(JinjaTemplate.Parse("[{{ missing }}]").Render(new Dictionary<string, object?>()), Is.EqualTo("[]"));
        var error = Assert.Throws<JinjaException>(() => JinjaTemplate.Parse("{{ missing.role }}").Render(new Dictionary<string, object?>()));
        Assert.That(error!.Message, Is.EqualTo("line 1: 'missing' is undefined, so it has no attribute 'role'"));
    }

    [Test]
    public void The_sandbox_refuses_methods_that_change_values()
    {
        var error = Assert.Throws<JinjaException>(() => JinjaTemplate.Parse("{{ xs.append(1) }}").Render(new Dictionary<string, object?> { ["xs"] = new List<object?>() }));
        Assert.That(error!.Message, Does.Contain("immutable sandbox"));
    }
}
