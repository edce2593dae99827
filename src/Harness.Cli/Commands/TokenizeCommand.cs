using System.CommandLine;
using System.Text.Json;
using Harness.Models;
using Harness.Models.Tokenization;

namespace Harness.Cli.Commands;

/// <summary>`harness tokenize`: ids, token strings and character offsets of a text under a model's
/// tokenizer.json, for checking parity with Hugging Face tokenizers from outside the test suite.</summary>
internal static class TokenizeCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("MODEL") { Description = "A model directory holding tokenizer.json, or a model id in the local Hugging Face cache." };
        var text = new Argument<string>("TEXT") { Description = "The text to tokenize." };
        var special = new Option<bool>("--special") { Description = "Add the special tokens of the tokenizer's post-processor (BOS/EOS)." };
        var json = CommandOptions.Json();
        var command = new Command("tokenize", """
            Print the ids, token strings and character offsets (UTF-16, as C# indexes strings) of a text.

            Examples:
              harness tokenize gpt2 "Hello world"                     # after `harness fetch model gpt2`
              harness tokenize meta-llama/Llama-3.1-8B-Instruct "Hello world" --special --json
            """);
        command.Arguments.Add(model);
        command.Arguments.Add(text);
        command.Options.Add(special);
        command.Options.Add(json);
        command.SetAction(r => CommandRunner.Run(() => Run(r.GetValue(model)!, r.GetValue(text)!, r.GetValue(special), r.GetValue(json))));
        return command;
    }

    private static int Run(string model, string text, bool special, bool json)
    {
        var path = Path.Combine(ModelLocator.Resolve(model), "tokenizer.json");
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: file not found");
        var tokenizer = Tokenizer.FromFile(path);
        var encoding = tokenizer.Encode(text, special);
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["ids"] = encoding.Ids,
                ["tokens"] = encoding.Tokens.Select(t => t.Text).ToList(),
                ["offsets"] = encoding.Tokens.Select(t => new[] { t.Start, t.End }).ToList(),
                ["special_tokens_mask"] = encoding.SpecialTokensMask,
            }));
            return 0;
        }

        Console.WriteLine($"{encoding.Count} tokens");
        foreach (var t in encoding.Tokens)
            Console.WriteLine($"  {t.Id,8}  [{t.Start,4}, {t.End,4})  {JsonSerializer.Serialize(t.Text)}");
        return 0;
    }
}
