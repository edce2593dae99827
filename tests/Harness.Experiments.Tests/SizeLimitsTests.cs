using Harness.Experiments.Validation;
using Harness.Experiments.Yaml;

namespace Harness.Experiments.Tests;

/// <summary>Every size a user controls is bounded in validate, with the limit in the message and an explicit way
/// to raise it; zero and negative sizes are errors there, not at run time; nesting depth is bounded.</summary>
[TestFixture]
[Fast]
public sealed class SizeLimitsTests
{
    private static string Experiment(string datasetOptions = "", string attributor = "random", string metric = "soft_ns", string top = "") => $$"""
        output: run
        {{top}}
        models:
          - {name: tiny, path: MODEL}
        datasets:
          - {name: kv, reader: synthetic, task: key_value_recall, sample: 2{{datasetOptions}}}
        attributors:
          - {{attributor}}
        metrics:
          - {{metric}}
        """;

    private static IReadOnlyList<string> Errors(string yaml)
    {
        using var files = new ExperimentFiles();
        return ExperimentValidator.Check(ExperimentYaml.Load(files.Write(yaml))).Select(e => e.Message).ToList();
    }

    [TestCase("{name: integrated_gradients, options: {steps: 1000000000}}", "steps=1000000000 is above the limit 10000")]
    [TestCase("{name: reagent, options: {max_steps: 5000000, replacer: uniform}}", "max_steps=5000000 is above the limit 100000")]
    [TestCase("{name: shapley_sampling, options: {permutations: 100000}}", "permutations=100000 is above the limit 10000")]
    public void An_attributor_size_above_its_limit_fails_naming_the_limit_and_how_to_raise_it(string attributor, string message)
    {
        var errors = Errors(Experiment(attributor: attributor));

        Assert.That(errors, Has.Some.Contains(message).And.Some.Contains("`limits: {"));
    }

    [TestCase("{name: integrated_gradients, options: {steps: -3}}", "steps=-3 must be at least 1")]
    [TestCase("{name: integrated_gradients, options: {steps: 0}}", "steps=0 must be at least 1")]
    [TestCase("{name: reagent, options: {chains: 0, replacer: uniform}}", "chains=0: expected at least 1")]
    public void Zero_and_negative_sizes_fail_in_validate(string attributor, string message) =>
        Assert.That(Errors(Experiment(attributor: attributor)), Has.Some.Contains(message));

    [Test]
    public void Metric_and_dataset_sizes_are_bounded_too()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Errors(Experiment(metric: "{name: lds, options: {masks: 1000000000}}")), Has.Some.Contains("masks=1000000000 is above the limit 100000"));
            Assert.That(Errors(Experiment(datasetOptions: ", max_new_tokens: 100000")), Has.Some.Contains("max_new_tokens=100000 is above the limit 4096"));
            Assert.That(Errors(Experiment(top: "batch_size: 1000000")), Has.Some.Contains("batch_size=1000000 is above the limit 4096"));
            Assert.That(Errors(Experiment().Replace("sample: 2", "sample: 1000000000")), Has.Some.Contains("sample=1000000000 is above the limit 1000000"));
        });
    }

    [Test]
    public void An_explicit_limit_lets_a_large_size_through_and_unknown_limit_names_are_refused()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Errors(Experiment(attributor: "{name: integrated_gradients, options: {steps: 20000}}", top: "limits: {steps: 20000}")), Is.Empty);
            Assert.That(Errors(Experiment(top: "limits: {stepz: 5}")), Has.Some.Contains("limits: 'stepz' is not a size the harness bounds"));
        });
    }

    [Test]
    public void A_50000_level_nested_document_is_one_error_not_a_stack_overflow()
    {
        using var files = new ExperimentFiles();
        var path = files.Write(Experiment() + "x-deep: " + new string('[', 50_000) + new string(']', 50_000) + "\n");

        var error = Assert.Throws<ExperimentException>(() => ExperimentYaml.Load(path))!;

        Assert.That(error.Errors.Single().Message, Does.Contain($"nested more than {ExperimentYaml.MaxDepth} levels deep"));
    }
}
