using System.Text.Json;
using Harness.Cli.Commands;
using Harness.Experiments.Yaml;

namespace Harness.Cli.Tests;

/// <summary>Every command that loads a model (logits, attribute, evaluate, train-at2, and run and
/// validate as overrides of the experiment file) takes --device and --dtype with one parser: the same
/// values are accepted everywhere, reach the loaded model, and a bad value is one line and exit code 2.</summary>
[TestFixture]
[Fast]
public sealed class DeviceAndDTypeOptionsTests
{
    private static string Gpt2Fixture => SharedFolder.Combine("fixtures", "hf-parity", "gpt2");

    private const string Experiment = """
        output: run
        models:
          - {name: tiny, path: MODEL}
        datasets:
          - {name: kv, reader: synthetic, task: key_value_recall, sample: 1}
        attributors:
          - saliency
        metrics:
          - soft_ns

        """;

    private static readonly string[] Commands = ["logits", "attribute", "attribute --generate", "evaluate", "train-at2", "validate", "run"];

    private ExperimentFiles files = null!;

    [SetUp]
    public void CreateFiles() => files = new ExperimentFiles();

    [TearDown]
    public void DeleteFiles() => files.Dispose();

    /// <summary>A small valid invocation of <paramref name="command"/>, before the placement options.</summary>
    private string[] Invocation(string command) => command switch
    {
        "logits" => ["logits", Gpt2Fixture, "--ids", "5,17,42"],
        "attribute" => ["attribute", Gpt2Fixture, "--ids", "5,17,42,88", "--target-id", "7", "--method", "saliency", "--json"],
        "attribute --generate" => ["attribute", Gpt2Fixture, "--ids", "5,17,42", "--generate", "2", "--method", "saliency", "--json"],
        "evaluate" => ["evaluate", Gpt2Fixture, "--ids", "5,17,42,88", "--target-id", "7", "--scores", "0.1,0.5,0.2,0.2", "--metric", "soft_ns", "--json"],
        "train-at2" => ["train-at2", Gpt2Fixture, "--examples", files.Write("{\"context_ids\": [5, 17, 42, 88], \"target_ids\": [7]}", "train.jsonl"),
            "--out", Path.Combine(files.Folder, "at2"), "--iterations", "2", "--masks", "4"],
        "validate" => ["validate", files.Write(Experiment)],
        "run" => ["run", files.Write(Experiment)],
        _ => throw new ArgumentException(command),
    };

    [TestCaseSource(nameof(Commands))]
    public void Cpu_and_float32_are_accepted(string command)
    {
        var result = CommandResult.Of([.. Invocation(command), "--device", "cpu", "--dtype", "float32"]);
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
    }

    [TestCaseSource(nameof(Commands))]
    public void Float64_is_accepted_where_the_model_supports_it(string command)
    {
        var result = CommandResult.Of([.. Invocation(command), "--dtype", "float64"]);
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
    }

    [TestCase("attribute")]
    [TestCase("attribute --generate")]
    [TestCase("evaluate")]
    public void The_dtype_reaches_the_model_that_computes(string command)
    {
        var result = CommandResult.Of([.. Invocation(command), "--device", "cpu", "--dtype", "float64"]);
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        using var printed = JsonDocument.Parse(result.Output);
        var rows = printed.RootElement.TryGetProperty("rows", out var attributions) ? attributions : printed.RootElement.GetProperty("results");
        foreach (var row in rows.EnumerateArray())
        {
            var cost = row.GetProperty("cost");
            Assert.That(cost.GetProperty("dtype").GetString(), Is.EqualTo("Float64"), "the dtype the call's tensors had");
            Assert.That(cost.GetProperty("device").GetString(), Is.EqualTo("cpu"));
        }
    }

    [Test]
    public void Logits_in_float64_agree_with_float32()
    {
        var single = CommandResult.Of([.. Invocation("logits"), "--json"]);
        var dual = CommandResult.Of([.. Invocation("logits"), "--json", "--dtype", "float64"]);
        using var a = JsonDocument.Parse(single.Output);
        using var b = JsonDocument.Parse(dual.Output);
        double[] Logits(JsonDocument d) => d.RootElement.GetProperty("logits").EnumerateArray().SelectMany(r => r.EnumerateArray()).Select(v => v.GetDouble()).ToArray();
        Assert.That(Logits(b).Zip(Logits(a)).Max(p => Math.Abs(p.First - p.Second)), Is.LessThan(1e-4));
    }

    private static IEnumerable<TestCaseData> BadValues() =>
        from command in Commands
        from bad in new[]
        {
            ("--dtype", "float8", "--dtype 'float8' is not one of float32, float16, bfloat16, float64"),
            ("--device", "tpu", "--device: 'tpu' is not a device; expected cpu, cuda or cuda:N."),
            ("--device", "cuda:99", "--device cuda:99: this libtorch sees"),
        }
        select new TestCaseData(command, bad.Item1, bad.Item2, bad.Item3).SetName($"A bad value is one line and exit code 2: {command} {bad.Item1} {bad.Item2}");

    [TestCaseSource(nameof(BadValues))]
    public void A_bad_value_is_one_line_and_exit_code_2(string command, string option, string value, string message)
    {
        var result = CommandResult.Of([.. Invocation(command), option, value]);
        Assert.That(result.ExitCode, Is.EqualTo(2));
        var lines = result.Error.TrimEnd().Split('\n');
        Assert.That(lines, Has.Length.EqualTo(1), result.Error);
        Assert.That(lines[0], Does.StartWith("error: " + message));
        Assert.That(result.Output, Is.Empty, "refused before anything ran");
    }

    [Test]
    public void Run_and_validate_set_every_model_s_dtype_and_device_in_the_file_s_spelling()
    {
        var spec = ExperimentYaml.Load(files.Write(Experiment.Replace("path: MODEL}", "path: MODEL, dtype: float32, device: cpu}")));
        var overridden = new ExperimentOverrides(null, null, null, new ModelPlacement(Harness.Torch.ScalarType.BFloat16, Harness.Torch.Device.CPU)).Apply(spec);
        var kept = new ExperimentOverrides(null, null, null, new ModelPlacement(null, null)).Apply(spec);

        Assert.That(overridden.Models.Select(m => (m.DType, m.Device)), Is.EqualTo(new[] { ("bfloat16", "cpu") }));
        Assert.That(kept.Models.Select(m => (m.DType, m.Device)), Is.EqualTo(new[] { ("float32", "cpu") }));
    }
}
