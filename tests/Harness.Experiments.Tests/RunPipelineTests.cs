using Harness.Attribution;
using Harness.Attribution.Core;
using Harness.Attribution.Methods;
using Harness.Experiments.Running;
using Harness.Experiments.Yaml;

namespace Harness.Experiments.Tests;

/// <summary>The `run` pipeline does each step before the cells once (issue 25, item 5): the options of an attributor
/// entry are bound once, and the object the validator checked is the one every cell makes its attributor from. A cell
/// times its items after a warm-up (spec/metrics.md section 7) that changes none of its results.</summary>
[TestFixture]
[Fast]
[NonParallelizable]
public sealed class RunPipelineTests
{
    private const string Grid = """
        output: run
        seeds: [0, 1]
        batch_size: 8
        models:
          - {name: tiny, path: MODEL}
        datasets:
          - {name: kv, reader: synthetic, task: key_value_recall, sample: 2, seed: 1}
          - {name: agreement, reader: synthetic, task: long_range_agreement, sample: 1, seed: 1}
        attributors:
          - {name: pipeline_probe, options: {objective: logprob}}
        metrics:
          - soft_ns
        """;

    [Test]
    public void An_attributor_s_options_are_bound_once_and_every_cell_makes_its_attributor_from_them()
    {
        var made = new List<object?>();
        using var probe = AttributorRegistry.Register(new AttributorDescriptor("pipeline_probe", typeof(SaliencyOptions), (options, _) =>
        {
            made.Add(options);
            return new Saliency((SaliencyOptions?)options);
        }));
        using var files = new ExperimentFiles();
        var spec = ExperimentYaml.Load(files.Write(Grid));

        var run = ExperimentRunner.Prepare(spec);
        new ExperimentRunner(new RecordingObserver()).Run(run, resume: false);

        Assert.That(made, Has.Count.EqualTo(1 + 4), "one made by the validator's check, then one per cell (2 datasets x 2 seeds)");
        Assert.That(made.Distinct(ReferenceEqualityComparer.Instance).Single(), Is.SameAs(run.Options.Attributor(spec.Attributors[0]).Options),
            "every one from the options object bound once");
        Assert.That(((SaliencyOptions)made[0]!).Objective, Is.EqualTo(Harness.Scoring.Objective.LogProb));
    }

    private const string OneDataset = """
        output: run
        batch_size: 8
        models:
          - {name: tiny, path: MODEL}
        datasets:
          - {name: kv, reader: synthetic, task: key_value_recall, sample: 3, seed: 1}
        attributors: [pipeline_probe]
        metrics: [soft_ns]
        """;

    [Test]
    public void A_cell_attributes_its_first_item_once_untimed_before_its_timed_items_with_the_same_result()
    {
        var calls = new List<(ulong Seed, float[] Scores)>();
        using var probe = AttributorRegistry.Register(new AttributorDescriptor("pipeline_probe", null, (_, _) =>
            new RecordingAttributor(new RandomBaseline(), calls)));
        using var files = new ExperimentFiles();
        var run = ExperimentRunner.Prepare(ExperimentYaml.Load(files.Write(OneDataset)));
        calls.Clear(); // the validator's check made one and may have called it

        var summary = new ExperimentRunner(new RecordingObserver()).Run(run, resume: false);

        Assert.That(summary.Failed, Is.Zero);
        Assert.That(calls, Has.Count.EqualTo(1 + 3), "the warm-up, then the three items");
        Assert.That(calls[0].Seed, Is.EqualTo(calls[1].Seed), "the warm-up is the first item's request");
        Assert.That(calls[1].Scores, Is.EqualTo(calls[0].Scores), "the same seeded draws: the warm-up leaves nothing behind");
        Assert.That(calls.Skip(1).Select(c => c.Seed).Distinct().Count(), Is.EqualTo(3));
    }

    [Test]
    public void A_packing_method_warms_up_on_the_first_item_alone_through_its_packed_path()
    {
        var packs = new List<int>();
        using var probe = AttributorRegistry.Register(new AttributorDescriptor("pipeline_probe", typeof(OcclusionOptions), (options, _) =>
            new RecordingPackedAttributor(new Occlusion((OcclusionOptions?)options), packs)));
        using var files = new ExperimentFiles();
        var run = ExperimentRunner.Prepare(ExperimentYaml.Load(files.Write(OneDataset)));
        packs.Clear();

        new ExperimentRunner(new RecordingObserver()).Run(run, resume: false);

        Assert.That(packs, Is.EqualTo(new[] { 1, 3 }), "one item untimed, then the cell's three items in one pack (batch_size 8)");
    }

    /// <summary>Records each call's seed and scores, then attributes as the inner method does.</summary>
    private sealed class RecordingAttributor(IAttributor inner, List<(ulong Seed, float[] Scores)> calls) : IAttributor
    {
        public string Name => inner.Name;

        public AttributionResult Attribute(AttributionRequest request, CancellationToken cancellationToken = default)
        {
            var result = inner.Attribute(request, cancellationToken);
            calls.Add((request.Seed, result.Scores.ToArray()));
            return result;
        }
    }

    /// <summary>Records the size of each pack, then attributes as the inner packing method does.</summary>
    private sealed class RecordingPackedAttributor(IPackedAttributor inner, List<int> packs) : IPackedAttributor
    {
        public string Name => inner.Name;

        public int AttributionsPerPack(int batchSize) => inner.AttributionsPerPack(batchSize);

        public AttributionResult Attribute(AttributionRequest request, CancellationToken cancellationToken = default)
        {
            packs.Add(1);
            return inner.Attribute(request, cancellationToken);
        }

        public IReadOnlyList<AttributionResult> AttributeMany(IReadOnlyList<AttributionRequest> requests, CancellationToken cancellationToken = default)
        {
            packs.Add(requests.Count);
            return inner.AttributeMany(requests, cancellationToken);
        }
    }
}
