using Harness.Reporting.Results;
using Harness.Reporting.Tables;

namespace Harness.Reporting.Tests;

/// <summary>The Soft-NS/NC caption's sentence on how scores became keep probabilities, from what the rows recorded.</summary>
[Fast]
public sealed class SoftTransformCaptionTests
{
    [Test]
    public void The_recorded_protocol_and_transforms_are_named_per_attributor()
    {
        using var folder = new TemporaryFolder();
        var run = RunResults.Load(FixtureRun.Create(folder.Combine("run"), examples: 3));

        Assert.That(SoftTransformCaption.For(run, FixtureRun.Dataset, "soft_ns"),
            Is.EqualTo("Scores to keep probabilities under protocol reagent: none for random, reagent; softmax for integrated_gradients, saliency."));
    }

    [Test]
    public void A_dataset_without_evaluated_examples_says_so_rather_than_blaming_an_old_run()
    {
        using var folder = new TemporaryFolder();
        var run = RunResults.Load(FixtureRun.Create(folder.Combine("run"), examples: 3));

        Assert.That(SoftTransformCaption.For(run, "longra", "soft_ns"), Does.Contain("no example of this dataset was evaluated"));
    }
}
