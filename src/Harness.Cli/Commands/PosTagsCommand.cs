using System.CommandLine;
using Harness.Attribution.Methods;
using Harness.Models;

namespace Harness.Cli.Commands;

/// <summary>`harness pos-tags MODEL`: the part-of-speech tag of every vocabulary entry of the model's tokenizer, as
/// ReAGent's `pos` replacer needs them (<see cref="PosTagMap"/>), written beside the model (pos_tags.json) or to --out,
/// with the number of ids per tag.</summary>
internal static class PosTagsCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("MODEL") { Description = "A model directory holding tokenizer.json, or a model id in the local Hugging Face cache." };
        var output = new Option<string?>("--out") { Description = $"Where to write the map; MODEL/{PosTagMap.FileName} (where reagent looks) when absent." };
        var command = new Command("pos-tags", """
            Tag every vocabulary entry of a model's tokenizer alone with nltk's English averaged-perceptron tagger, as
            ReAGent's POSTagTokenSampler does, for reagent's `replacer: pos`. reagent builds the map on first use too;
            this command builds it ahead (e.g. before a read-only model folder is shared) and prints the tag counts.

            Examples:
              harness pos-tags experiments/models/tiny-gpt2
              harness pos-tags gpt2 --out runs/gpt2-pos-tags.json
            """);
        command.Arguments.Add(model);
        command.Options.Add(output);
        command.SetAction(r => CommandRunner.Run(() => Run(r.GetValue(model)!, r.GetValue(output))));
        return command;
    }

    private static int Run(string model, string? output)
    {
        var folder = ModelLocator.Resolve(model);
        var path = Path.Combine(folder, "tokenizer.json");
        if (!File.Exists(path)) throw new UsageException($"{path} does not exist: pos-tags tags the vocabulary of the model's tokenizer.json");
        var map = PosTagMap.Build(path);
        var target = output ?? Path.Combine(folder, PosTagMap.FileName);
        try
        {
            map.Save(target);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot write {target}: {e.Message}; give --out a writable file");
        }

        Console.WriteLine($"{map.Tags.Count} vocabulary entries tagged into {map.Groups.Count} tags, written to {target}");
        foreach (var group in map.Tags.GroupBy(t => t, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal))
            Console.WriteLine($"  {group.Key,-5} {group.Count(),7}");
        return 0;
    }
}
