using Harness.Torch.Optim;
using NUnit.Framework;

namespace Harness.Torch.Tests;

/// <summary>Linear warm-up then cosine decay to the minimum, constant after the last step.</summary>
[Fast]
public sealed class CosineScheduleTests
{
    private const double Peak = 1e-3;
    private const double Min = 1e-4;

    /// <summary>10 warm-up steps, decay over steps 10..110.</summary>
    private static readonly CosineSchedule Schedule = new(Peak, WarmupSteps: 10, TotalSteps: 110, MinLearningRate: Min);

    [Test]
    public void Warmup_rises_linearly_to_the_peak_at_its_last_step()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Schedule.LearningRate(0), Is.EqualTo(Peak / 10).Within(1e-15), "step 0 is the first of ten");
            Assert.That(Schedule.LearningRate(4), Is.EqualTo(Peak * 5 / 10).Within(1e-15));
            Assert.That(Schedule.LearningRate(9), Is.EqualTo(Peak).Within(1e-15));
        });
    }

    [Test]
    public void Decay_starts_at_the_peak_passes_the_midpoint_halfway_and_ends_at_the_minimum()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Schedule.LearningRate(10), Is.EqualTo(Peak).Within(1e-15));
            Assert.That(Schedule.LearningRate(35), Is.EqualTo(Min + 0.5 * (Peak - Min) * (1 + Math.Cos(Math.PI / 4))).Within(1e-15), "a quarter of the way");
            Assert.That(Schedule.LearningRate(60), Is.EqualTo((Peak + Min) / 2).Within(1e-15), "halfway: cos(pi/2) = 0");
            Assert.That(Schedule.LearningRate(110), Is.EqualTo(Min).Within(1e-15));
        });
    }

    [Test]
    public void After_the_last_step_the_rate_stays_at_the_minimum()
    {
        Assert.That(new[] { 111L, 500L, 1_000_000L }.Select(Schedule.LearningRate), Is.All.EqualTo(Min));
    }

    [Test]
    public void The_decay_never_increases()
    {
        var rates = Enumerable.Range(10, 101).Select(s => Schedule.LearningRate(s)).ToArray();
        Assert.That(rates, Is.Ordered.Descending);
    }

    [Test]
    public void Without_warmup_the_first_step_is_the_peak_and_the_minimum_defaults_to_zero()
    {
        var schedule = new CosineSchedule(0.5, WarmupSteps: 0, TotalSteps: 4);
        Assert.That(Enumerable.Range(0, 5).Select(s => schedule.LearningRate(s)),
            Is.EqualTo(new[] { 0.5, 0.25 * (1 + Math.Cos(Math.PI / 4)), 0.25, 0.25 * (1 + Math.Cos(3 * Math.PI / 4)), 0 }).Within(1e-15));
    }

    [Test]
    public void A_warmup_as_long_as_the_schedule_is_rejected()
    {
        Assert.That(() => new CosineSchedule(1e-3, WarmupSteps: 10, TotalSteps: 10).LearningRate(0), Throws.InvalidOperationException);
    }
}
