using System.Text.Json;
using System.Text.RegularExpressions;
using Harness.Attribution;
using Harness.Attribution.Core;
using Harness.Cli;
using Harness.Evaluation;
using Harness.Evaluation.Core;
using Harness.Experiments.Running;
using Harness.Experiments.Store;
using Harness.Scoring;

namespace Harness.Cli.Tests;

/// <summary>docs/extending.md, followed step by step (issue 24 item 8): a toy attributor (first_token) and a toy metric
/// (rationale_mass) written as the guide writes them, registered through the public registration API, validated and
/// run in an experiment by the harness's own command line. Every C# and YAML line of the guide is in this file.</summary>
[TestFixture]
[Fast]
public sealed class ExtendingGuideTests
{
    private static readonly string Guide = RepositoryFolder.Combine("docs", "extending.md");

    /// <summary>The guide's experiment (the test adds its output folder and points the model path at the embedded model).</summary>
    private const string Experiment = """
        output: run
        name: first_token_demo
        models:
          - {name: tiny-gpt2, path: models/tiny-gpt2}
        datasets:
          - {name: kv, reader: synthetic, task: key_value_recall, sample: 3, seed: 0}
        attributors:
          - random
          - {name: first_token, options: {mass: 2}}
        metrics:
          - plausibility
          - {name: rationale_mass, options: {absolute: false}}
        """;

    private static string Write(ExperimentFiles files, string yaml) =>
        files.Write(yaml.Replace("models/tiny-gpt2", RepositoryFolder.Combine("experiments", "models", "tiny-gpt2")));

    /// <summary>What the guide's Program.cs ends with: the harness's own command line, which now knows both.</summary>
    private static int RunHarness(params string[] args)
    {
        return HarnessCommandLine.Run(args);
    }

    [Test]
    public void The_guide_s_attributor_and_metric_run_in_an_experiment()
    {
        // The descriptor the class declares (the guide's in-harness way) and a hand-made one (a program's) register alike.
        using var attributor = AttributorRegistry.Register(FirstToken.Descriptor);
        using var metric = MetricRegistry.Register(new MetricDescriptor(RationaleMass.MetricName, typeof(RationaleMassOptions), options => new RationaleMass((RationaleMassOptions?)options)));
        using var files = new ExperimentFiles();
        var path = Write(files, Experiment);

        Assert.That(RunHarness("validate", path), Is.EqualTo(0));
        Assert.That(RunHarness("run", path), Is.EqualTo(0));

        using var store = ResultStore.OpenReadOnly(Path.Combine(files.Folder, "run"));
        var items = JsonSerializer.Deserialize<List<EvaluationItem>>((string)store.Query("SELECT items_json FROM targets").Single()["items_json"]!)!;
        var scores = store.Query("SELECT example_id, scores FROM attributions WHERE cell_id = 'tiny-gpt2/kv/first_token/seed=0' ORDER BY example_id")
            .ToDictionary(r => (string)r["example_id"]!, r => ResultStore.Scores((byte[])r["scores"]!));
        var mass = store.Query("SELECT cell_id, example_id, value FROM metric_values WHERE metric = 'rationale_mass'")
            .ToDictionary(r => ((string)r["cell_id"]!, (string)r["example_id"]!), r => (double)r["value"]!);
        Assert.That(scores, Has.Count.EqualTo(3));
        foreach (var item in items)
        {
            // first_token: all of its mass (2, the option) on the first token; rationale_mass: the share of it on the rationale.
            Assert.That(scores[item.ExampleId], Is.EqualTo(Enumerable.Range(0, item.RegionEnd - item.RegionStart).Select(i => i == 0 ? 2f : 0f)));
            Assert.That(mass[("tiny-gpt2/kv/first_token/seed=0", item.ExampleId)], Is.EqualTo(item.Rationale.Contains(0) ? 1 : 0));
            var random = ResultStore.Scores((byte[])store.Query("SELECT scores FROM attributions WHERE cell_id = 'tiny-gpt2/kv/random/seed=0' AND example_id = $e", ("$e", item.ExampleId)).Single()["scores"]!);
            Assert.That(mass[("tiny-gpt2/kv/random/seed=0", item.ExampleId)], Is.EqualTo(item.Rationale.Sum(p => (double)random[p]) / random.Sum(s => (double)s)).Within(1e-12));
        }
    }

    [Test]
    public void An_option_the_method_refuses_is_a_validation_error_at_its_line()
    {
        using var attributor = AttributorRegistry.Register(new AttributorDescriptor(FirstToken.MethodName, typeof(FirstTokenOptions), (options, _) => new FirstToken((FirstTokenOptions?)options)));
        using var metric = MetricRegistry.Register(new MetricDescriptor(RationaleMass.MetricName, typeof(RationaleMassOptions), options => new RationaleMass((RationaleMassOptions?)options)));
        using var files = new ExperimentFiles();
        var path = Write(files, Experiment.Replace("mass: 2", "mass: 0").Replace("absolute: false", "absolut: false"));

        var result = CommandResult.Of("validate", path);

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain($"{path}:9:5: attributor 'first_token': first_token option mass=0: expected a positive number"));
        Assert.That(result.Error, Does.Contain($"{path}:12:5: metric 'rationale_mass': rationale_mass has no option 'absolut'; valid: absolute"));
    }

    [Test]
    public void Without_registration_the_names_are_unknown()
    {
        using var files = new ExperimentFiles();

        var result = CommandResult.Of("validate", Write(files, Experiment));

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Error, Does.Contain("unknown attributor 'first_token'").And.Contain("unknown metric 'rationale_mass'"));
    }

    [Test]
    public void Every_code_line_of_the_guide_is_in_this_test()
    {
        var guide = File.ReadAllText(Guide);
        var test = File.ReadAllText(RepositoryFolder.Combine("tests", "Harness.Cli.Tests", "ExtendingGuideTests.cs"));
        var blocks = Regex.Matches(guide, "```(csharp|yaml)\n(.*?)```", RegexOptions.Singleline).Select(m => m.Groups[2].Value).ToList();

        Assert.That(blocks, Has.Count.GreaterThanOrEqualTo(5));
        var lines = blocks.SelectMany(b => b.Split('\n')).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        Assert.That(lines.Where(l => !test.Contains(l, StringComparison.Ordinal)), Is.Empty, "guide lines this test does not follow");
    }
}

/// <summary>first_token: all of the mass on the first source of the attributed region, none elsewhere (a toy that
/// shows the parts of a method; spec/attributors.md has the real ones).</summary>
public sealed class FirstToken : IAttributor
{
    public const string MethodName = "first_token";

    public static AttributorDescriptor Descriptor { get; } = new(MethodName, typeof(FirstTokenOptions), (o, _) => new FirstToken((FirstTokenOptions?)o))
    {
        Summary = "first_token: all of the mass on the first token (a toy)",
        Passes = PassRule.Fixed("none (no model call)", "docs/extending.md", _ => PassEstimate.None),
    };

    private readonly FirstTokenOptions options;

    public FirstToken(FirstTokenOptions? options)
    {
        this.options = options ?? new FirstTokenOptions();
        // Ranges are the method's to check: `harness validate` reports this at the attributor's line.
        if (!(this.options.Mass > 0)) throw new AttributionException($"{MethodName} option mass={this.options.Mass}: expected a positive number");
    }

    public string Name => MethodName;

    public AttributionResult Attribute(AttributionRequest request, CancellationToken cancellationToken = default)
    {
        // Validates the request, meters the cost, and knows the sources: one score per source, in order.
        using var run = new AttributionRun(request);
        var scores = new float[run.Sources.Count];
        scores[0] = (float)options.Mass;
        return run.Finish(scores);
    }
}

/// <summary>first_token's options: YAML keys are the properties in snake_case.</summary>
public sealed record FirstTokenOptions
{
    /// <summary>The first source's score.</summary>
    public double Mass { get; init; } = 1;
}

/// <summary>rationale_mass: the share of the attribution mass that lies on the example's rationale (a toy plausibility
/// metric; no forward pass). Examples without a rationale give NaN flagged no_rationale, kept out of every average.</summary>
public sealed class RationaleMass(RationaleMassOptions? options) : IMetric
{
    public const string MetricName = "rationale_mass";

    private readonly RationaleMassOptions options = options ?? new RationaleMassOptions();

    public string Name => MetricName;

    public MetricResult Evaluate(MetricInput input, CancellationToken cancellationToken = default)
    {
        // Checks the scores (flags NaN, all-equal, empty), meters the cost, and knows the sources.
        using var run = new MetricRun(input);
        var rationale = input.RationalePositions.ToHashSet();
        var onRationale = run.Sources.Groups.Select(group => group.Any(rationale.Contains)).ToArray();
        if (!onRationale.Contains(true)) run.Flag(new MetricFlag("no_rationale"));
        if (run.ScoresUnusable || !onRationale.Contains(true)) return run.Unusable();
        var mass = input.Scores.Select(s => options.Absolute ? Math.Abs((double)s) : Math.Max(s, 0)).ToArray();
        if (mass.Sum() == 0) run.Flag(new MetricFlag("no_mass"));
        var share = mass.Where((_, i) => onRationale[i]).Sum() / mass.Sum();
        return run.Finish(share, new Dictionary<PartKey, double> { [new("rationale_sources")] = onRationale.Count(r => r) });
    }
}

/// <summary>rationale_mass's options.</summary>
public sealed record RationaleMassOptions
{
    /// <summary>Count negative scores by their size (true) or not at all (false).</summary>
    public bool Absolute { get; init; } = true;
}
