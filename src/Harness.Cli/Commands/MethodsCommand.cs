using System.CommandLine;
using System.Text.Json;
using Harness.Attribution;
using Harness.Evaluation;
using Harness.Scoring;

namespace Harness.Cli.Commands;

/// <summary>`harness methods`: every attributor and metric the harness knows (built-in and registered), read from their
/// descriptors: what each computes, what it needs, the targets it applies to, its pass rule and its options with defaults.</summary>
internal static class MethodsCommand
{
    public static Command Create()
    {
        var json = CommandOptions.Json();
        var command = new Command("methods", """
            List the attributors and metrics an experiment can name, with their options and defaults,
            what each needs, the targets it applies to and the passes one item costs (from the definition).

            Examples:
              harness methods
              harness methods --json
            """);
        command.Options.Add(json);
        command.SetAction(r => CommandRunner.Run(() => Run(r.GetValue(json))));
        return command;
    }

    /// <summary>One method as listed.</summary>
    public sealed record Listed(string Kind, string Name, string Summary, IReadOnlyList<string> Needs, IReadOnlyList<string> Targets,
        string Passes, string PassesSource, IReadOnlyDictionary<string, string> Options);

    /// <summary>Every method, attributors first, in registry order.</summary>
    public static IReadOnlyList<Listed> All() =>
    [
        .. AttributorRegistry.Entries.Select(d => new Listed("attributor", d.Name, d.Summary, Flags(d.NeedsFor(null)),
            Flags(d.Targets), d.Passes.Formula, d.Passes.Source, Options(d.OptionsType))),
        .. MetricRegistry.Entries.Select(d => new Listed("metric", d.Name, d.Summary, [], Flags(d.Targets), d.Passes.Formula, d.Passes.Source, Options(d.OptionsType))),
    ];

    private static readonly JsonSerializerOptions SnakeCase = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private static int Run(bool json)
    {
        var all = All();
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(all, SnakeCase));
            return 0;
        }

        foreach (var group in all.GroupBy(m => m.Kind))
        {
            Console.WriteLine(group.Key == "attributor" ? "Attributors" : "Metrics");
            foreach (var m in group)
            {
                Console.WriteLine($"  {m.Name}: {m.Summary}");
                var needs = m.Needs.Count == 0 ? "" : $"needs {string.Join(", ", m.Needs)}; ";
                Console.WriteLine($"      {needs}targets {string.Join(", ", m.Targets)}; passes per item: {m.Passes} ({m.PassesSource})");
                if (m.Options.Count > 0) Console.WriteLine($"      options: {string.Join(", ", m.Options.Select(o => $"{o.Key}={o.Value}"))}");
            }
        }

        return 0;
    }

    private static Dictionary<string, string> Options(
        [System.Diagnostics.CodeAnalysis.DynamicallyAccessedMembers(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicProperties
            | System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] Type? type) =>
        OptionBinder.Defaults(type).ToDictionary(o => o.Key, o => o.Default, StringComparer.Ordinal);

    private static List<string> Flags<T>(T value) where T : struct, Enum =>
        Enum.GetValues<T>().Where(f => Convert.ToInt64(f, System.Globalization.CultureInfo.InvariantCulture) is var bits && bits != 0
                && (bits & (bits - 1)) == 0 && value.HasFlag(f))
            .Select(f => OptionBinder.SnakeCase(f.ToString())).ToList();
}
