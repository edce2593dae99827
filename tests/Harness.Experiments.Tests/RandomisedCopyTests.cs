using Harness.Evaluation.Core;
using Harness.Experiments.Running;
using Harness.Experiments.Schema;
using Harness.Models.Loading;

namespace Harness.Experiments.Tests;

/// <summary>The model session's re-initialised copies (model_randomization): one per distinct copy, `layers` equal to the
/// depth the same copy as none, and a copy that cannot be made a metric error, not the end of the run.</summary>
[TestFixture]
[Fast]
public sealed class RandomisedCopyTests
{
    private static ModelSession Session() =>
        ModelSession.Load(new ModelSpec("tiny", FixtureModelFolder.Path, "float32", "cpu", null, null, new SourcePosition("t.yaml", 1, 1)));

    [Test]
    public void One_copy_serves_every_spelling_of_the_same_depth_and_seed()
    {
        using var session = Session();
        var depth = (int)session.Model.Dimensions!.Layers;

        var all = session.Randomised(new TopLayerReinitialisation(null, 0));

        Assert.Multiple(() =>
        {
            Assert.That(session.Randomised(new TopLayerReinitialisation(depth, 0)), Is.SameAs(all));
            Assert.That(session.Randomised(new TopLayerReinitialisation(1, 0)), Is.Not.SameAs(all));
            Assert.That(session.Randomised(new TopLayerReinitialisation(null, 1)), Is.Not.SameAs(all));
        });
    }

    [Test]
    public void A_copy_that_cannot_be_made_is_a_metric_error_each_time_it_is_asked_for()
    {
        using var session = Session();
        var tooDeep = new TopLayerReinitialisation((int)session.Model.Dimensions!.Layers + 1, 0);

        Assert.Multiple(() =>
        {
            Assert.That(() => session.Randomised(tooDeep), Throws.TypeOf<MetricException>().With.Message.Contains("re-initialised copy of model tiny cannot be loaded"));
            Assert.That(() => session.Randomised(tooDeep), Throws.TypeOf<MetricException>().With.Message.Contains("decoder blocks"));
        });
    }
}
