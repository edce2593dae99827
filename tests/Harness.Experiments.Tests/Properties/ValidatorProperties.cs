using CsCheck;
using Harness.Experiments.Validation;
using Harness.Experiments.Yaml;
using System.Globalization;

namespace Harness.Experiments.Tests.Properties;

/// <summary>Property: no document, however malformed, makes reading and validating an experiment do anything but
/// return a valid experiment or throw one ExperimentException whose every line names the file and the problem.
/// Documents are random trees of the schema's own keys and hostile scalars, and random mutations of a valid file.</summary>
[TestFixture]
[Fast]
public sealed class ValidatorProperties
{
    private static readonly string[] Keys =
    [
        "name", "output", "seeds", "batch_size", "models", "datasets", "attributors", "metrics", "only", "exclude", "limits",
        "path", "dtype", "device", "masked_lm", "at2_estimator", "reader", "source", "task", "split", "sample", "seed", "target",
        "max_new_tokens", "stride", "unit", "label", "options", "grid", "model", "dataset", "attributor", "steps", "masks",
        "x-anchor", "bogus", "<<", "'quoted key'",
    ];

    private static readonly string[] Scalars =
    [
        "0", "-3", "1", "7", "1e9", "1000000000", "99999999999999999999", "-0.5", "''", "null", "~", "true", "MODEL",
        "sst2", "random", "saliency", "integrated_gradients", "reagent", "soft_ns", "lds", "synthetic", "key_value_recall", "test",
        "cpu", "cuda", "float8", "bfloat16", "token", "sequence", "word", "*missing", "&a x", "'it''s'", "\"\\u0007\"",
        "ü", "/dev/zero", "../../etc/passwd", "'<!--<script>'", "!!binary AAAA", "2026-12-05",
    ];

    private static Gen<string> Node(int depth)
    {
        var scalar = Gen.OneOf(Scalars);
        if (depth == 0) return scalar;
        var child = Node(depth - 1);
        var list = child.Array[0, 3].Select(items => "[" + string.Join(", ", items) + "]");
        var map = Gen.Select(Gen.OneOf(Keys), child).Array[0, 4].Select(pairs => "{" + string.Join(", ", pairs.Select(p => $"{p.Item1}: {p.Item2}")) + "}");
        return Gen.Frequency((4, scalar), (1, list), (2, map));
    }

    /// <summary>A document of random top-level entries, each a key with a random (flow-style) value.</summary>
    private static readonly Gen<string> RandomDocument =
        Gen.Select(Gen.OneOf(Keys), Node(3)).Array[0, 10].Select(lines => string.Join("\n", lines.Select(l => $"{l.Item1}: {l.Item2}")) + "\n");

    private const string Valid = """
        output: run
        models:
          - {name: tiny, path: MODEL}
        datasets:
          - {name: kv, reader: synthetic, task: key_value_recall, sample: 2}
        attributors:
          - random
          - {name: integrated_gradients, options: {steps: 8}}
        metrics:
          - soft_ns
          - {name: lds, options: {masks: 8}}

        """;

    /// <summary>The valid file with one line replaced by, or followed by, a random entry (same or deeper indentation).</summary>
    private static readonly Gen<string> MutatedDocument =
        Gen.Select(Gen.Int[0, 10], Gen.Bool, Gen.OneOf("", "  ", "    ", "  - "), Gen.OneOf(Keys), Node(2))
            .Select((line, replace, indent, key, value) =>
            {
                var lines = Valid.Split('\n').ToList();
                var entry = $"{indent}{key}: {value}";
                if (replace) lines[line] = entry;
                else lines.Insert(line + 1, entry);
                return string.Join("\n", lines);
            });

    [Test]
    public void Random_documents_give_a_valid_experiment_or_experiment_errors_never_a_crash() =>
        Gen.Frequency((1, RandomDocument), (2, MutatedDocument)).Sample(Check, iter: Iterations, threads: 1);

    /// <summary>400 per run (CsCheck draws a new seed each run, printing it on failure); CsCheck_Iter overrides it for
    /// longer searches.</summary>
    private static long Iterations => long.TryParse(Environment.GetEnvironmentVariable("CsCheck_Iter"), CultureInfo.InvariantCulture, out var n) ? n : 400;

    private static void Check(string yaml)
    {
        using var files = new ExperimentFiles();
        var path = files.Write(yaml);
        try
        {
            ExperimentValidator.LoadValid(path);
        }
        catch (ExperimentException e)
        {
            Assert.That(e.Errors, Is.Not.Empty);
            Assert.That(e.Errors.Select(x => x.ToString()), Has.All.StartsWith(path + ":").And.All.Not.Contain("\n"), yaml);
        }
    }
}
