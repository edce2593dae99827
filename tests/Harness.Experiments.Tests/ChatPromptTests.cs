using System.Text.Json;
using Harness.Experiments.Running;
using Harness.Experiments.Schema;
using Harness.Experiments.Store;
using Harness.Experiments.Yaml;

namespace Harness.Experiments.Tests;

/// <summary>
/// Dataset option `chat` (paper protocols): where the model folder's tokenizer_config.json has a chat
/// template, prompts are rendered through it (by default, or with `chat: true`), encoded without the
/// tokenizer adding special tokens again, and only the user text is attributed: the report's region never
/// holds the system prompt or role markers. `chat: false` keeps raw text; `chat: true` on a model without a
/// template fails naming the file.
/// </summary>
[TestFixture]
[Fast]
public sealed class ChatPromptTests
{
    // Word-level fixture tokenizer: the template's words are in its vocabulary, "system"/"user" map to <unk>.
    private const string Template =
        "{% for m in messages %}{{ m.role }} : {{ m.content | trim }} .\n{% endfor %}{% if add_generation_prompt %}answer :{% endif %}";

    private static string ChatModel()
    {
        var folder = ProcessTemporaryFolder.Create("harness-chat-model");
        foreach (var file in Directory.GetFiles(FixtureModelFolder.Path)) File.Copy(file, Path.Combine(folder, Path.GetFileName(file)), overwrite: true);
        File.WriteAllText(Path.Combine(folder, "tokenizer_config.json"), JsonSerializer.Serialize(new Dictionary<string, object> { ["chat_template"] = Template }));
        return folder;
    }

    private static string Experiment(string model, string options) => $$"""
        output: run
        models:
          - {name: tiny, path: {{model}}}
        datasets:
          - {name: kw, reader: synthetic, task: keyword_sentiment, sample: 3, seed: 2{{options}}}
        attributors: [random]
        metrics: [plausibility]
        """;

    private static List<EvaluationItem> Run(string yaml)
    {
        using var files = new ExperimentFiles();
        files.Write(PreTokenizedData, "ids.jsonl"); // read by PreTokenized's experiments, relative to the file
        var spec = ExperimentYaml.Load(files.Write(yaml));
        new ExperimentRunner(new RecordingObserver()).Run(spec, resume: false);
        using var store = ResultStore.OpenReadOnly(spec.Output);
        var json = (string)store.Query("SELECT items_json FROM targets WHERE dataset = 'kw'").Single()["items_json"]!;
        return JsonSerializer.Deserialize<List<EvaluationItem>>(json)!;
    }

    private static string RegionText(EvaluationItem item) =>
        item.Text[item.TokenSpans[item.RegionStart][0]..item.TokenSpans[item.RegionEnd - 1][1]];

    [Test]
    public void A_model_with_a_chat_template_is_prompted_through_it_and_only_the_user_text_is_attributed()
    {
        var raw = Run(Experiment("MODEL", ""));
        var chat = Run(Experiment(ChatModel(), ", system: \"be brief\""));

        Assert.That(chat, Has.Count.EqualTo(raw.Count));
        for (var i = 0; i < raw.Count; i++)
        {
            var user = raw[i].Text;
            Assert.That(chat[i].Text, Is.EqualTo($"system : be brief .\nuser : {user.Trim()} .\nanswer :"));
            // The reader's region (the review sentence) moved with the text, and nothing of the template is in it.
            Assert.That(RegionText(chat[i]), Is.EqualTo(RegionText(raw[i])));
            // The template's words are tokens of the context, outside the region; no BOS was added twice.
            Assert.That(chat[i].ContextIds.Length, Is.GreaterThan(raw[i].ContextIds.Length));
            // The assistant turn starts a new text: the gold target loses its leading space.
            Assert.That(chat[i].TargetText, Is.EqualTo(raw[i].TargetText!.TrimStart()));
        }
    }

    [Test]
    public void Sequence_targets_under_a_chat_template_have_the_user_text_and_the_response_as_sources_not_the_template()
    {
        var chat = Run(Experiment(ChatModel(), ", target: sequence, max_new_tokens: 4, stride: 1"));
        // The same prompts with token targets: the rendered prompt, and the attributed text (the review, template-free).
        var prompts = Run(Experiment(ChatModel(), "")).ToDictionary(i => i.ExampleId);

        Assert.That(chat, Has.Count.GreaterThan(prompts.Count), "several steps per example");
        foreach (var item in chat)
        {
            var prompt = prompts[item.ExampleId];
            var response = item.Text[prompt.Text.Length..];
            // Tokens as they read in the text: the review's, then the response's so far; " .\nanswer :" is in neither.
            Assert.That(string.Concat(item.SourceLabels!).Replace(" ", "", StringComparison.Ordinal),
                Is.EqualTo((RegionText(prompt) + response).Replace(" ", "", StringComparison.Ordinal)), item.Key);
            Assert.That(item.SourceLabels, Has.None.EqualTo("answer").And.None.EqualTo(" answer"), item.Key);
            Assert.That(item.SourceGroups, Has.Length.EqualTo(prompt.RegionEnd - prompt.RegionStart + item.ContextIds.Length - prompt.ContextIds.Length),
                "one source per review token and per response token before the step");
        }
    }

    [Test]
    public void Chat_false_keeps_the_raw_prompt()
    {
        var raw = Run(Experiment("MODEL", ""));
        var off = Run(Experiment(ChatModel(), ", chat: false"));
        Assert.That(off.Select(i => i.Text), Is.EqualTo(raw.Select(i => i.Text)));
        Assert.That(off.Select(i => i.ContextIds), Is.EqualTo(raw.Select(i => i.ContextIds)));
    }

    [Test]
    public void Chat_true_on_a_model_without_a_template_names_the_file()
    {
        var error = Assert.Catch(() => Run(Experiment("MODEL", ", chat: true")));
        Assert.That(error!.Message, Does.Contain("asks for chat: true").And.Contain("tokenizer_config.json"));
    }

    private const string PreTokenizedData = """{"id": "a", "ids": [20, 30, 40], "target_ids": [50]}""" + "\n";

    private static string PreTokenized(string model, string options) =>
        $$"""
            output: run
            models:
              - {name: tiny, path: {{model}}}
            datasets:
              - {name: kw, reader: jsonl, path: ids.jsonl{{options}}}
            attributors: [random]
            metrics: [plausibility]
            """;

    [Test]
    public void A_pre_tokenized_prompt_is_fed_as_given_by_a_model_with_a_template()
    {
        var item = Run(PreTokenized(ChatModel(), "")).Single();

        Assert.That(item.ContextIds, Is.EqualTo(new long[] { 20, 30, 40 }), "no template, no special token added");
        Assert.That(item.TargetIds, Is.EqualTo(new long[] { 50 }));
    }

    [Test]
    public void A_pre_tokenized_prompt_refuses_chat_true()
    {
        var error = Assert.Catch(() => Run(PreTokenized(ChatModel(), ", chat: true")));

        Assert.That(error!.Message, Does.Contain("example 'a': its prompt is token ids, which a chat template cannot render; set chat: false"));
    }
}
