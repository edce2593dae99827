using System.Text.Json;
using Harness.Attribution;
using Harness.Attribution.Core;
using Harness.Attribution.Methods;
using Harness.Models;
using Harness.Models.Architectures.Roberta;
using Harness.Models.Tokenization;
using Harness.Scoring;

namespace Harness.Cli.Tests;

/// <summary>`harness attribute` prints what the attributor computes, one row per target step, and
/// refuses bad input with exit code 2.</summary>
[TestFixture]
[Fast]
public sealed class AttributeCommandTests
{
    private static string Gpt2Fixture => SharedFolder.Combine("fixtures", "hf-parity", "gpt2");

    [Test]
    public void Json_scores_and_cost_are_the_attributor_s()
    {
        var result = CommandResult.Of("attribute", Gpt2Fixture, "--ids", "5,17,42,88,23", "--target-id", "7", "--method", "integrated_gradients", "--option", "steps=32", "--json");
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        using var printed = JsonDocument.Parse(result.Output);
        var row = printed.RootElement.GetProperty("rows")[0];

        using var model = ModelLoader.Load(Gpt2Fixture);
        var expected = AttributorRegistry.Create("integrated_gradients", new Dictionary<string, string> { ["steps"] = "32" })
            .Attribute(new AttributionRequest(model, [5, 17, 42, 88, 23], new AttributionTarget.Token(7)));
        Assert.Multiple(() =>
        {
            Assert.That(row.GetProperty("scores").EnumerateArray().Select(s => s.GetSingle()), Is.EqualTo(expected.Scores));
            Assert.That(row.GetProperty("cost").GetProperty("forward_passes").GetInt64(), Is.EqualTo(expected.Cost.ForwardPasses));
            Assert.That(row.GetProperty("cost").GetProperty("backward_passes").GetInt64(), Is.EqualTo(expected.Cost.BackwardPasses));
            Assert.That(row.GetProperty("diagnostics").TryGetProperty("completeness_gap", out _), "diagnostics are printed");
            Assert.That(printed.RootElement.GetProperty("tokens").GetArrayLength(), Is.EqualTo(5));
        });
    }

    [Test]
    public void Generating_gives_one_row_per_step_over_the_prompt_and_the_earlier_steps()
    {
        var result = CommandResult.Of("attribute", Gpt2Fixture, "--ids", "5,17,42", "--generate", "3", "--method", "attention", "--json");
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        using var printed = JsonDocument.Parse(result.Output);
        var rows = printed.RootElement.GetProperty("rows");
        Assert.That(rows.GetArrayLength(), Is.EqualTo(3));
        Assert.That(rows.EnumerateArray().Select(r => r.GetProperty("scores").GetArrayLength()), Is.EqualTo(new[] { 3, 4, 5 }),
            "step t is attributed over the prompt and the t - 1 tokens generated before it (spec/metrics.md section 1, sequence level)");
    }

    [Test]
    public void Word_and_sentence_units_score_one_source_each()
    {
        var folder = ModelWithWordTokenizer();
        var run = (string unit) => CommandResult.Of("attribute", folder, "--prompt", "Paris is in France. Rome is in", "--target", "Italy",
            "--method", "occlusion", "--unit", unit, "--json");

        var sentence = run("sentence");
        Assert.That(sentence.ExitCode, Is.EqualTo(0), sentence.Error);
        using var printed = JsonDocument.Parse(sentence.Output);
        var row = printed.RootElement.GetProperty("rows")[0];
        Assert.That(row.GetProperty("sources").EnumerateArray().Select(s => s.GetString()), Is.EqualTo(new[] { "Paris is in France.", "Rome is in" }));
        Assert.That(row.GetProperty("scores").GetArrayLength(), Is.EqualTo(2));
        Assert.That(printed.RootElement.GetProperty("tokens").GetArrayLength(), Is.EqualTo(7));

        var word = run("word");
        using var words = JsonDocument.Parse(word.Output);
        Assert.That(words.RootElement.GetProperty("rows")[0].GetProperty("scores").GetArrayLength(), Is.EqualTo(7));
    }

    [Test]
    public void ContextCite_sentence_units_keep_parts_without_a_letter_and_context_cite_takes_their_text_out()
    {
        var result = CommandResult.Of("attribute", ModelWithWordTokenizer(), "--prompt", "1. Paris is in France. Rome is in", "--target", "Italy",
            "--method", "context_cite", "--option", "ablations=8", "--unit", "context_cite_sentence", "--json");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        using var printed = JsonDocument.Parse(result.Output);
        var row = printed.RootElement.GetProperty("rows")[0];
        Assert.Multiple(() =>
        {
            Assert.That(row.GetProperty("sources").EnumerateArray().Select(s => s.GetString()), Is.EqualTo(new[] { "1.", "Paris is in France.", "Rome is in" }));
            Assert.That(row.GetProperty("diagnostics").GetProperty("text_ablation").GetDouble(), Is.EqualTo(1));
            Assert.That(printed.RootElement.GetProperty("unit").GetString(), Is.EqualTo("context_cite_sentence"));
        });
    }

    [Test]
    public void An_unknown_unit_is_a_usage_error_naming_the_units()
    {
        var result = CommandResult.Of("attribute", ModelWithWordTokenizer(), "--prompt", "Paris", "--target", "Italy", "--method", "occlusion", "--unit", "paragraph");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("--unit 'paragraph' is not one of token, word, sentence, context_cite_sentence"));
    }

    [TestCase("--prompt", "", "--prompt encodes to no token")]
    [TestCase("--prompt", "   ", "--prompt encodes to no token")]
    [TestCase("--ids", "", "--ids gives no token id")]
    public void An_empty_context_is_a_usage_error_not_a_harness_bug(string option, string value, string message)
    {
        var target = option == "--ids" ? new[] { "--target-id", "6" } : ["--target", "Italy"];
        var result = CommandResult.Of(["attribute", ModelWithWordTokenizer(), option, value, .. target, "--method", "saliency"]);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.Error);
        Assert.That(result.Error, Does.Contain(message).And.Not.Contain("harness bug"));
    }

    [Test]
    public void A_context_with_no_sentence_is_a_usage_error_under_sentence_units()
    {
        // AT2's split leaves parts without a letter out, so "1. 2." holds no sentence source.
        var result = CommandResult.Of("attribute", ModelWithWordTokenizer(), "--prompt", "1. 2.", "--target", "Italy", "--method", "occlusion", "--unit", "sentence");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("--unit sentence finds no sentence in the context"));
    }

    [Test]
    public void Word_units_need_the_prompt_s_text_not_bare_ids()
    {
        var result = CommandResult.Of("attribute", ModelWithWordTokenizer(), "--ids", "1,2,3", "--target-id", "6", "--method", "occlusion", "--unit", "word");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("--unit word groups the prompt's text into units: give --prompt"));
    }

    [Test]
    public void Terminal_escape_sequences_in_a_prompt_are_printed_visibly_not_executed()
    {
        var words = new[] { "<unk>", "Paris", "is", "in", "France.", "Rome", "Italy" };
        var folder = ModelWithWordTokenizer();
        File.WriteAllText(Path.Combine(folder, "tokenizer.json"), WordLevelTokenizerJson.Json([.. words, "\u001b[2J"], "<unk>"));

        var result = CommandResult.Of("attribute", folder, "--prompt", "Paris \u001b[2J is", "--target", "Italy", "--method", "occlusion");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        Assert.That(result.Output, Does.Not.Contain("\u001b").And.Contain("\\x1b[2J"));
    }

    [Test]
    public void A_heatmap_page_that_cannot_be_written_is_one_line_exit_2()
    {
        var result = CommandResult.Of("attribute", Gpt2Fixture, "--ids", "5,17,42", "--target-id", "7", "--method", "saliency",
            "--html", "/proc/version/heatmap.html");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2), result.Output);
            Assert.That(result.Error.Trim().Split('\n'), Has.Length.EqualTo(1), result.Error);
            Assert.That(result.Error, Does.StartWith("error: ").And.Contain("/proc/version"));
        });
    }

    /// <summary>The GPT-2 fixture's weights with a word-level tokenizer over its 97-token vocabulary.</summary>
    private static string ModelWithWordTokenizer()
    {
        var folder = ProcessTemporaryFolder.Create("harness-cli-units");
        foreach (var file in new[] { "config.json", "model.safetensors" })
            File.Copy(Path.Combine(Gpt2Fixture, file), Path.Combine(folder, file), overwrite: true);
        var words = new[] { "<unk>", "Paris", "is", "in", "France.", "Rome", "Italy" };
        File.WriteAllText(Path.Combine(folder, "tokenizer.json"), WordLevelTokenizerJson.Json(words, "<unk>"));
        return folder;
    }

    [Test]
    public void Reagent_proposes_replacements_with_the_masked_lm_of_mlm_from_the_prompt_s_text()
    {
        var (folder, roberta) = ModelAndMaskedLmWithWordTokenizers();
        // Half the sources replaced per step, so some of the 2 x 4 steps replace (and run the masked LM) whatever the draws.
        var result = CommandResult.Of("attribute", folder, "--prompt", "w5 w17 w42 w88 w23", "--target", "w7", "--method", "reagent",
            "--mlm", roberta, "--option", "replacer=mlm", "--option", "max_steps=4", "--option", "chains=2", "--option", "replace_ratio=0.5", "--seed", "3", "--json");
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        using var printed = JsonDocument.Parse(result.Output);
        var row = printed.RootElement.GetProperty("rows")[0];

        using var model = ModelLoader.Load(folder);
        using var maskedLm = RobertaMaskedLm.Load(roberta);
        var tokenizer = Tokenizer.FromFile(Path.Combine(folder, "tokenizer.json"));
        var encoding = tokenizer.Encode("w5 w17 w42 w88 w23", addSpecialTokens: true);
        var resources = new AttributorResources { MaskedLm = new MaskedLmReplacerModel(maskedLm, Tokenizer.FromFile(Path.Combine(roberta, "tokenizer.json")), tokenizer) };
        var expected = AttributorRegistry.Create("reagent", new Dictionary<string, string> { ["replacer"] = "mlm", ["max_steps"] = "4", ["chains"] = "2", ["replace_ratio"] = "0.5" }, resources)
            .Attribute(new AttributionRequest(model, [5, 17, 42, 88, 23], new AttributionTarget.Token(7))
            {
                Seed = 3,
                ContextText = new ContextText(encoding.Text, encoding.Tokens.Select(t => t.Offsets).ToList()),
            });
        Assert.Multiple(() =>
        {
            Assert.That(row.GetProperty("scores").EnumerateArray().Select(s => s.GetSingle()), Is.EqualTo(expected.Scores));
            Assert.That(row.GetProperty("diagnostics").GetProperty("masked_lm_forward_passes").GetDouble(), Is.GreaterThan(0), "the masked LM ran");
        });
    }

    [Test]
    public void Reagent_without_a_masked_lm_is_exit_code_2_naming_mlm()
    {
        var result = CommandResult.Of("attribute", Gpt2Fixture, "--ids", "5,17,42", "--target-id", "7", "--method", "reagent", "--option", "replacer=mlm");
        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("needs a masked LM").And.Contain("--mlm"));
    }

    /// <summary>Temporary copies of the GPT-2 and RoBERTa fixtures with word-level tokenizers: model
    /// token i is the word "w{i}"; the masked LM has &lt;s&gt; &lt;pad&gt; &lt;/s&gt; &lt;unk&gt;
    /// &lt;mask&gt; (special) and then the words w0..w91 in a permuted order.</summary>
    private static (string Model, string MaskedLm) ModelAndMaskedLmWithWordTokenizers()
    {
        var root = ProcessTemporaryFolder.Create("harness-cli-reagent");
        var (model, maskedLm) = (Path.Combine(root, "gpt2"), Path.Combine(root, "roberta"));
        var robertaFixture = SharedFolder.Combine("fixtures", "hf-parity", "roberta");
        foreach (var (from, to) in new[] { (Gpt2Fixture, model), (robertaFixture, maskedLm) })
        {
            Directory.CreateDirectory(to);
            foreach (var file in new[] { "config.json", "model.safetensors" })
                File.Copy(Path.Combine(from, file), Path.Combine(to, file), overwrite: true);
        }

        WriteWordLevel(Path.Combine(model, "tokenizer.json"), Enumerable.Range(0, 97).Select(i => $"w{i}").ToArray(), "w0", []);
        string[] special = ["<s>", "<pad>", "</s>", "<unk>", "<mask>"];
        WriteWordLevel(Path.Combine(maskedLm, "tokenizer.json"), special.Concat(Enumerable.Range(0, 92).Select(j => $"w{j * 5 % 92}")).ToArray(), "<unk>", special);
        return (model, maskedLm);
    }

    private static void WriteWordLevel(string path, string[] words, string unknown, string[] special) =>
        File.WriteAllText(path, WordLevelTokenizerJson.Json(words, unknown, special));

    [Test]
    public void The_heatmap_can_be_written_as_a_self_contained_html_page()
    {
        var page = Path.Combine(Path.GetTempPath(), $"harness-heatmap-{Guid.NewGuid():N}.html");
        try
        {
            var result = CommandResult.Of("attribute", Gpt2Fixture, "--ids", "5,17,42", "--generate", "2", "--method", "saliency", "--html", page);
            Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
            var html = File.ReadAllText(page);
            Assert.That(System.Text.RegularExpressions.Regex.Count(html, "class=\"heatmap-row\""), Is.EqualTo(2), "one row per generated step");
            Assert.That(System.Text.RegularExpressions.Regex.Count(html, "class=\"source\""), Is.EqualTo(3 + 4), "one coloured source per context token it reaches");
            Assert.That(html, Does.Contain("[17]").And.Not.Contain("<script"));
        }
        finally
        {
            File.Delete(page);
        }
    }

    [Test]
    public void The_text_heatmap_shows_every_token_with_its_score()
    {
        var result = CommandResult.Of("attribute", Gpt2Fixture, "--ids", "5,17,42", "--target-id", "7", "--method", "saliency");
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        Assert.That(result.Output, Does.Contain("[[5] ").And.Contain("[[17] ").And.Contain("[[42] ").And.Contain("1 forward, 1 backward"));
    }

    [TestCase("--method", "salency", "unknown attributor 'salency'")]
    [TestCase("--option", "stpes=3", "no option 'stpes'")]
    [TestCase("--option", "steps", "key=value")]
    public void Bad_input_is_one_line_and_exit_code_2(string option, string value, string message)
    {
        var args = option == "--method"
            ? new[] { "attribute", Gpt2Fixture, "--ids", "5,17", "--target-id", "7", "--method", value }
            : ["attribute", Gpt2Fixture, "--ids", "5,17", "--target-id", "7", "--method", "integrated_gradients", option, value];
        var result = CommandResult.Of(args);
        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain(message));
        Assert.That(result.Error, Does.Not.Contain("   at "));
    }

    [Test]
    public void A_target_outside_the_vocabulary_is_exit_code_2()
    {
        var result = CommandResult.Of("attribute", Gpt2Fixture, "--ids", "5,17", "--target-id", "500", "--method", "saliency");
        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("outside the model's vocabulary"));
    }
}
