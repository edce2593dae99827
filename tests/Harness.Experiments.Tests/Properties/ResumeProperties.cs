using CsCheck;
using Harness.Experiments.Running;
using Harness.Experiments.Yaml;

namespace Harness.Experiments.Tests.Properties;

/// <summary>Property: any sequence of stops (after 1 to 3 cells each) and resumes ends with the store of an
/// uninterrupted run: the same cells, scores, metric values, parts and flags, bit for bit on the CPU (timings,
/// dates and run ids excluded, <see cref="StoreSnapshot"/>). A soak test: each sample runs the grid several times.</summary>
[TestFixture]
[Soak]
public sealed class ResumeProperties
{
    private const string Grid = """
        output: OUT
        seeds: [0, 1]
        batch_size: 8
        models:
          - {name: tiny, path: MODEL}
        datasets:
          - {name: kv, reader: synthetic, task: key_value_recall, sample: 2, seed: 1}
        attributors:
          - random
          - saliency
          - {name: occlusion, options: {replacement_token_id: 0}}
        metrics:
          - soft_ns
          - {name: lds, options: {masks: 8}}
          - plausibility
        """;

    [Test]
    public void Any_sequence_of_stops_and_resumes_ends_with_the_uninterrupted_store()
    {
        using var files = new ExperimentFiles();
        var whole = ExperimentYaml.Load(files.Write(Grid.Replace("OUT", "whole"), "whole.yaml"));
        new ExperimentRunner(new RecordingObserver()).Run(whole, resume: false);
        var expected = StoreSnapshot.Of(whole.Output);
        var attempt = 0;

        Gen.Int[1, 3].Array[1, 4].Sample(stops =>
        {
            var name = $"stopped{attempt++}";
            var spec = ExperimentYaml.Load(files.Write(Grid.Replace("OUT", name), name + ".yaml"));
            var resume = false;
            foreach (var after in stops)
            {
                using var stop = new CancellationTokenSource();
                new ExperimentRunner(new RecordingObserver(stop, after)).Run(spec, resume, stop.Token);
                resume = true;
            }

            new ExperimentRunner(new RecordingObserver()).Run(spec, resume);
            Assert.That(StoreSnapshot.Of(spec.Output), Is.EqualTo(expected), string.Join(",", stops));
        }, iter: 6, threads: 1);
    }
}
