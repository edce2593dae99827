using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Harness.Models;
using Harness.Models.Tokenization;
using Harness.Torch;

namespace Harness.Cli.Commands;

/// <summary>`harness logits`: the next-token distribution of a model on some ids, for checking
/// parity with transformers from outside the test suite.</summary>
internal static class LogitsCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("MODEL") { Description = "A model directory (Hugging Face layout) or a model id in the local Hugging Face cache." };
        var ids = new Option<string?>("--ids") { Description = "Input token ids, comma-separated." };
        var text = new Option<string?>("--text") { Description = "Input text, tokenized with the model folder's tokenizer.json (special tokens added, as transformers' tokenizer(text) does)." };
        var json = CommandOptions.Json();
        var attentions = new Option<bool>("--attentions") { Description = "With --json, also print every layer's attention probabilities." };
        var command = new Command("logits", """
            Print the last position's top-10 next tokens with probabilities; with --json, the logits of every position.

            Examples:
              harness logits experiments/models/tiny-gpt2 --ids 5,17,42
              harness logits MODEL_DIR --text "The capital of Tennessee is"
              harness logits experiments/models/tiny-gpt2 --ids 5,17,42 --json --attentions
              harness logits gpt2 --ids 464,3290 --dtype bfloat16 --device cuda
            """);
        command.Arguments.Add(model);
        command.Options.Add(ids);
        command.Options.Add(text);
        command.Options.Add(json);
        command.Options.Add(attentions);
        var placement = ModelPlacement.AddTo(command);
        command.SetAction(r => CommandRunner.Run(() => Run(
            r.GetValue(model)!,
            CommandOptions.ParseIds(r.GetValue(ids), "--ids"),
            r.GetValue(text),
            r.GetValue(json),
            r.GetValue(attentions),
            placement(r))));
        return command;
    }

    private static int Run(string modelName, long[]? givenIds, string? text, bool json, bool attentions, ModelPlacement placement)
    {
        if ((givenIds is null) == (text is null)) throw new UsageException("give the input with exactly one of --ids 1,2,3 and --text TEXT");
        var directory = ModelLocator.Resolve(modelName);
        var tokenizerPath = Path.Combine(directory, "tokenizer.json");
        var tokenizer = File.Exists(tokenizerPath) ? Tokenizer.FromFile(tokenizerPath) : null;
        if (text is not null && tokenizer is null) throw new UsageException($"--text needs {tokenizerPath}, which does not exist; use --ids");
        var ids = givenIds ?? tokenizer!.Encode(text!, addSpecialTokens: true).Ids.Select(i => (long)i).ToArray();
        if (ids.Length == 0) throw new UsageException(text is null ? "--ids is empty" : "--text gives no tokens");
        using var model = placement.Load(directory);
        if (ids.Any(i => i < 0 || i >= model.VocabSize))
            throw new UsageException($"--ids must lie in [0, {model.VocabSize}) for this model");
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var input = torch.tensor(ids, [1, ids.Length], device: model.Device);
        var output = model.Forward(ModelInput.FromIds(input), new ForwardOptions { OutputAttentions = json && attentions });
        var logits = output.Logits.select(0, 0).to(ScalarType.Float32).cpu();                    // [T, V]
        if (json)
        {
            var document = new Dictionary<string, object>
            {
                ["model_type"] = model.ModelType,
                ["input_ids"] = ids,
                ["logits"] = Rows(logits),
            };
            if (attentions)
                document["attentions"] = output.Attentions!.Select(a => Heads(a.select(0, 0).to(ScalarType.Float32).cpu())).ToList();
            Console.WriteLine(JsonSerializer.Serialize(document));
            return 0;
        }

        var probabilities = logits.select(0, -1).softmax(-1);
        var (values, indices) = probabilities.topk(Math.Min(10, model.VocabSize));
        var p = values.ToArray<float>();
        var index = indices.ToArray<long>();
        Console.WriteLine($"{model.ModelType}, {ids.Length} input ids; next token after position {ids.Length - 1}:");
        for (var i = 0; i < p.Length; i++)
        {
            var token = tokenizer?.IdToToken((int)index[i]) is { } t ? "  " + JsonSerializer.Serialize(t) : "";
            Console.WriteLine($"  {index[i],8}  {p[i].ToString("F6", CultureInfo.InvariantCulture)}{token}");
        }
        return 0;
    }

    private static List<float[]> Rows(Tensor matrix) => matrix.split(1).Select(r => r.flatten().ToArray<float>()).ToList();

    private static List<List<float[]>> Heads(Tensor perHead) => perHead.split(1).Select(h => Rows(h.squeeze(0))).ToList();
}
