using System.Text.Json;
using Harness.Models.Chat;
using Harness.Models.Chat.Jinja;

namespace Harness.Models.Tests.Chat;

/// <summary>
/// Chat templates render byte for byte as transformers 4.45.1's apply_chat_template(..., tokenize=False)
/// renders them with Jinja2 3.1.2: the published templates of the instruct models in experiments/
/// (Fixtures/ChatTemplates/*.jinja, sources in expected.json) and the templates of
/// ../shared/fixtures/tokenizers/{llama3,llama3_bos,qwen3}. Expected strings and errors were made by
/// gen_chat_templates.py beside them.
/// </summary>
[Fast]
public sealed class ChatTemplateParityTests
{
    private static readonly string Folder = RepositoryFolder.Combine("tests", "Harness.Models.Tests", "Fixtures", "ChatTemplates");

    public static IEnumerable<TestCaseData> Cases()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "expected.json")));
        foreach (var template in document.RootElement.GetProperty("templates").EnumerateArray())
        {
            var name = template.GetProperty("name").GetString()!;
            foreach (var rendering in template.GetProperty("cases").EnumerateArray())
                yield return new TestCaseData(name, rendering.GetProperty("name").GetString()!).SetName($"{name}: {rendering.GetProperty("name").GetString()}");
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void Renders_as_transformers_renders(string templateName, string caseName)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "expected.json")));
        var entry = document.RootElement.GetProperty("templates").EnumerateArray().Single(t => t.GetProperty("name").GetString() == templateName);
        var rendering = entry.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == caseName);

        var template = Load(entry);
        var messages = rendering.GetProperty("messages").EnumerateArray()
            .Select(m => new ChatMessage(m.GetProperty("role").GetString()!, m.GetProperty("content").GetString()!)).ToList();
        var addGenerationPrompt = !rendering.TryGetProperty("add_generation_prompt", out var agp) || agp.GetBoolean();
        var variables = rendering.TryGetProperty("kwargs", out var kwargs)
            ? kwargs.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone())
            : null;
        var tools = rendering.TryGetProperty("tools", out var t) ? t.EnumerateArray().Select(x => (object?)x.Clone()).ToList() : null;

        string Render() => template.Render(messages, addGenerationPrompt, variables, tools);
        if (rendering.TryGetProperty("error", out var error))
        {
            var raised = Assert.Throws<ChatTemplateRaisedException>(() => Render());
            Assert.That(raised!.TemplateMessage, Is.EqualTo(error.GetString()));
        }
        else
        {
            Assert.That(Render(), Is.EqualTo(rendering.GetProperty("text").GetString()));
        }
    }

    private static ChatTemplate Load(JsonElement entry)
    {
        if (entry.TryGetProperty("shared", out var shared))
            return ChatTemplate.FromTokenizerConfig(SharedFolder.Combine("fixtures", "tokenizers", shared.GetString()!, "tokenizer_config.json"))!;
        var tokens = entry.GetProperty("special_tokens").EnumerateObject()
            .Where(p => p.Value.ValueKind == JsonValueKind.String)
            .ToDictionary(p => p.Name, p => p.Value.GetString()!);
        return new ChatTemplate(File.ReadAllText(Path.Combine(Folder, entry.GetProperty("file").GetString()!)), tokens);
    }
}

/// <summary>A rendered chat prompt already holds the model's special tokens: encoded without the post-processor's
/// own (transformers' add_special_tokens=False), each marker is one added token and BOS appears once.</summary>
[Fast]
public sealed class RenderedChatEncodingTests
{
    [Test]
    public void Llama3_markers_encode_as_single_special_tokens_with_one_bos()
    {
        var folder = SharedFolder.Combine("fixtures", "tokenizers", "llama3");
        var template = ChatTemplate.FromTokenizerConfig(Path.Combine(folder, "tokenizer_config.json"))!;
        var tokenizer = Harness.Models.Tokenization.Tokenizer.FromFile(Path.Combine(folder, "tokenizer.json"));
        var rendered = template.RenderUserPrompt("Be brief.", "  Is Paris in France?");

        var ids = tokenizer.Encode(rendered.Text, addSpecialTokens: false).Ids;

        var bos = tokenizer.TokenToId("<|begin_of_text|>")!.Value;
        Assert.That(ids[0], Is.EqualTo(bos));
        Assert.That(ids.Count(i => i == bos), Is.EqualTo(1));
        Assert.That(ids.Count(i => i == tokenizer.TokenToId("<|start_header_id|>")), Is.EqualTo(3)); // system, user, assistant
        Assert.That(rendered.Text.Substring(rendered.UserStart, rendered.UserLength), Is.EqualTo("Is Paris in France?"));
        Assert.That(rendered.UserOffset, Is.EqualTo(2)); // the template's `| trim` dropped two leading spaces
        Assert.That(rendered.Map(2 + "Is ".Length), Is.EqualTo(rendered.UserStart + 3));
    }
}
