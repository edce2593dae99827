using Harness.Attribution;
using Harness.Cli.Commands;
using Harness.Evaluation;
using Harness.Experiments.Grid;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Harness.Cli.Tests;

/// <summary>
/// Each attributor and metric is one descriptor declared in its own file and listed once in its registry (issue 25,
/// item 2): the validator, the dry-run, the bench's minimum and `harness methods` read it, and no other code in src/
/// names a method as a string literal (bench/Harness.Benchmarks/MinimumPasses reads the same rules), so adding a method is one file plus one registry line.
/// </summary>
[TestFixture]
[Fast]
public sealed class MethodDescriptorTests
{
    /// <summary>Literals that equal a method's name but mean something else, with why.</summary>
    private static readonly (string File, string Literal, string Why)[] SharedWords =
    [
        ("src/Harness.Models/Architectures/Roberta/RobertaLayer.cs", "attention", "the checkpoint's module name (roberta.encoder.layer.N.attention)"),
    ];

    private static IReadOnlySet<string> MethodNames =>
        AttributorRegistry.Names.Concat(MetricRegistry.Names).ToHashSet(StringComparer.Ordinal);

    [Test]
    public void No_method_name_is_a_string_literal_in_src_outside_its_own_descriptor_file()
    {
        var names = MethodNames;
        var found = new List<string>();
        foreach (var path in Directory.EnumerateFiles(RepositoryFolder.Combine("src"), "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(RepositoryFolder.Path, path).Replace('\\', '/');
            if (relative.Contains("/obj/", StringComparison.Ordinal) || relative.Contains("/bin/", StringComparison.Ordinal)) continue;
            var root = CSharpSyntaxTree.ParseText(File.ReadAllText(path), path: relative).GetRoot();
            var declaresDescriptor = root.DescendantNodes().OfType<PropertyDeclarationSyntax>()
                .Any(p => p.Type.ToString() is "AttributorDescriptor" or "MetricDescriptor");
            foreach (var literal in root.DescendantNodes().OfType<LiteralExpressionSyntax>().Where(l => l.IsKind(SyntaxKind.StringLiteralExpression)))
            {
                var value = literal.Token.ValueText;
                if (!names.Contains(value)) continue;
                if (declaresDescriptor && IsConstantName(literal)) continue;
                if (SharedWords.Any(w => w.File == relative && w.Literal == value)) continue;
                found.Add($"{relative}:{literal.GetLocation().GetLineSpan().StartLinePosition.Line + 1}: \"{value}\"");
            }
        }

        Assert.That(found, Is.Empty, "use the method's constant or read its descriptor");
    }

    [Test]
    public void Every_registered_method_has_a_summary_and_a_pass_rule_with_its_source()
    {
        var all = MethodsCommand.All();
        Assert.That(all.Select(m => m.Name), Is.EquivalentTo(MethodNames));
        foreach (var method in all)
            Assert.That(new[] { method.Summary, method.Passes, method.PassesSource }, Has.None.Empty.And.None.Contain("no rule given"), method.Name);
    }

    [TestCase("aopc_comprehensiveness", 64, 7, Description = "Q + n_k 1,4,7,13,32 + S0 (ERASER, Carton et al.)")]
    [TestCase("aopc_comprehensiveness", 3, 4, Description = "Q + n_k 1,1,1,1,2 (2 distinct) + S0")]
    [TestCase("lds", 64, 64, Description = "f(all) is not in the LDS")]
    [TestCase("context_pruning", 64, 48, Description = "(4 ks + unpruned + oracle) x 8 new tokens")]
    [TestCase("label_agreement", 64, 10, Description = "2 decodes x 5 new tokens")]
    public void A_metric_rule_counts_from_the_definition(string metric, double units, double forward) =>
        Assert.That(PassEstimator.Metric(metric, new Dictionary<string, string>(), units).Forward, Is.EqualTo(forward));

    [Test]
    public void Options_change_the_estimate_through_the_rule()
    {
        Assert.Multiple(() =>
        {
            Assert.That(PassEstimator.Metric("lds", new Dictionary<string, string> { ["masks"] = "16" }, 64).Forward, Is.EqualTo(16));
            Assert.That(PassEstimator.Attribution("integrated_gradients", new Dictionary<string, string> { ["steps"] = "8" }, 64),
                Is.EqualTo(new Harness.Scoring.PassEstimate(10, 8)));
            Assert.That(PassEstimator.Attribution("occlusion", new Dictionary<string, string>(), 12).Forward, Is.EqualTo(13));
        });
    }

    [Test]
    public void A_metric_that_attributes_again_counts_the_attributor_s_passes_once_more()
    {
        using var files = new ExperimentFiles();
        var spec = Harness.Experiments.Yaml.ExperimentYaml.Load(files.Write("""
            models:
              - {name: tiny, path: MODEL}
            datasets:
              - {name: kv, reader: synthetic, task: key_value_recall, sample: 2}
            attributors:
              - occlusion
            metrics:
              - model_randomization
            """));
        var options = Harness.Experiments.Running.BoundOptions.Of(spec);

        // Occlusion over 12 units: the intact context and one ablation per unit, on the model and again on its copy.
        Assert.That(PassEstimator.PerItem(options, spec.Attributors[0], spec.Metrics, 12), Is.EqualTo(new Harness.Scoring.PassEstimate(26, 0)));
    }

    [Test]
    public void What_an_attributor_needs_can_depend_on_its_options()
    {
        var reagent = AttributorRegistry.Find("reagent");
        Assert.Multiple(() =>
        {
            Assert.That(reagent.NeedsFor(reagent.Bind(new Dictionary<string, string> { ["replacer"] = "mlm" })), Is.EqualTo(AttributorNeeds.MaskedLm));
            Assert.That(reagent.NeedsFor(reagent.Bind(new Dictionary<string, string> { ["replacer"] = "uniform" })), Is.EqualTo(AttributorNeeds.None));
            Assert.That(AttributorRegistry.Find("at2").NeedsFor(null).HasFlag(AttributorNeeds.At2Estimator));
            Assert.That(AttributorRegistry.Find("integrated_gradients").NeedsFor(null), Is.EqualTo(AttributorNeeds.Gradients));
        });
    }

    /// <summary>The literal initialises a <c>const string</c> field (the method's name constant).</summary>
    private static bool IsConstantName(LiteralExpressionSyntax literal) =>
        literal.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Parent: FieldDeclarationSyntax field } } }
        && field.Modifiers.Any(m => m.IsKind(SyntaxKind.ConstKeyword));
}
