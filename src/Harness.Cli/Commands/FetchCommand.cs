using System.CommandLine;
using Harness.Data.Catalog;
using Harness.Experiments.Yaml;
using Harness.Models.Hub;
using Spectre.Console;

namespace Harness.Cli.Commands;

/// <summary>`harness fetch model ID` and `harness fetch dataset NAME`: models from the Hugging Face Hub into
/// its cache (<see cref="ModelFetcher"/>), datasets from their pinned public sources into the dataset cache
/// (<see cref="DatasetFetcher"/>). Both resume what an interrupted fetch left and check what they download.</summary>
internal static class FetchCommand
{
    public static Command Create()
    {
        var command = new Command("fetch", "Download a model from the Hugging Face Hub, or a dataset from its public source, into the local caches.");
        command.Subcommands.Add(Model());
        command.Subcommands.Add(Dataset());
        return command;
    }

    private static Command Model()
    {
        var id = new Argument<string>("ID") { Description = "A model on the Hub, e.g. gpt2 or EleutherAI/gpt-j-6b." };
        var revision = new Option<string>("--revision") { Description = "A branch, tag or commit of the repository.", DefaultValueFactory = _ => "main" };
        var command = new Command("model", """
            Download a model's config, tokenizer and safetensors weights (never pickles) from the Hugging Face Hub into its
            cache (HF_HUB_CACHE, else HF_HOME/hub, else ~/.cache/huggingface/hub), where every command finds it by its id.
            HF_ENDPOINT names a mirror; HF_TOKEN (or `huggingface-cli login`) a token for gated models. An interrupted
            fetch resumes where it stopped; sizes and SHA-256s are checked against the Hub's.

            Examples:
              harness fetch model gpt2-medium
              HF_TOKEN=hf_... harness fetch model meta-llama/Llama-2-7b-chat-hf
              harness fetch model facebook/opt-350m --revision main
            """);
        command.Arguments.Add(id);
        command.Options.Add(revision);
        command.SetAction(r => CommandRunner.Run(() => FetchModel(r.GetValue(id)!, r.GetValue(revision)!)));
        return command;
    }

    private static Command Dataset()
    {
        var names = new Argument<string[]>("NAME") { Description = "Datasets of the catalog (see --list).", Arity = ArgumentArity.ZeroOrMore };
        var list = new Option<bool>("--list") { Description = "List the datasets that can be fetched, their sources and whether they are in the cache." };
        var command = new Command("dataset", """
            Download a dataset's files from their pinned public sources (checked against their SHA-256s), with their licence,
            and convert them into NAME/data.jsonl in the dataset cache (HARNESS_DATA, else ~/.cache/harness/datasets), where an
            experiment's `source: NAME` finds it. docs/datasets.md says where each comes from.

            Examples:
              harness fetch dataset --list
              harness fetch dataset sst2
              harness fetch dataset longra reagent_annotated_lambada
            """);
        command.Arguments.Add(names);
        command.Options.Add(list);
        command.SetAction(r => CommandRunner.Run(() => r.GetValue(list) ? List() : FetchDatasets(r.GetValue(names) ?? [])));
        return command;
    }

    private static int FetchModel(string id, string revision)
    {
        if (!HubRepo.IsValidId(id)) throw new UsageException($"'{id}' is not a Hub model id (NAME or OWNER/NAME of letters, digits, '-', '_', '.')");
        using var client = new HubClient(HubSettings.FromEnvironment());
        var fetched = DownloadDisplay.Show(progress => ModelFetcher.Fetch(client, id, revision, progress));
        Console.WriteLine($"{id}: {fetched.Files.Count} files of commit {fetched.Commit} in {fetched.Folder} ({DownloadDisplay.Bytes(fetched.DownloadedBytes)} downloaded)");
        return 0;
    }

    private static int FetchDatasets(IReadOnlyList<string> names)
    {
        if (names.Count == 0) throw new UsageException("name a dataset (`harness fetch dataset --list` lists them)");
        var sources = names.Select(name => DatasetCatalog.Find(name)
            ?? throw new UsageException($"unknown dataset '{name}'{NameSuggestion.Hint(name, DatasetCatalog.Names)}; known: {string.Join(", ", DatasetCatalog.Names)}")).ToList();
        using var fetcher = DatasetFetcher.FromEnvironment();
        var fetched = DownloadDisplay.Show(progress => sources.Select(s => fetcher.Fetch(s, progress)).ToList());
        foreach (var dataset in fetched)
            Console.WriteLine($"{dataset.Name}: {dataset.Rows} rows in {dataset.File} ({DownloadDisplay.Bytes(dataset.DownloadedBytes)} downloaded)");
        return 0;
    }

    private static int List()
    {
        var table = new Table().AddColumns("name", "reader", "rows", "cached", "source");
        foreach (var source in DatasetCatalog.All)
            table.AddRow(source.Name, source.Reader, source.Unavailable is null ? source.Rows.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-",
                File.Exists(DatasetCache.FileOf(source.Name)) ? "yes" : "no",
                Markup.Escape(source.Files.Count > 0 ? source.Files[0].Citation + (source.Files.Count > 1 ? $" (+{source.Files.Count - 1})" : "") : "cannot be fetched: bring it with `path:`"));
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        if (Console.IsOutputRedirected) console.Profile.Width = 200;
        console.Write(table);
        Console.WriteLine($"dataset cache: {DatasetCache.Root}");
        return 0;
    }
}
