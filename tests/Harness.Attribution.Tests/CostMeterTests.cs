using Harness.Attribution.Core;
using Harness.Attribution.Methods;
using Harness.Models;
using Harness.Scoring;
using Harness.Torch;

namespace Harness.Attribution.Tests;

/// <summary>What the cost meter records: the clock, the counts, the peak memory a call adds (resident
/// memory on the CPU), and that an attribution's record names the device its meter watched.</summary>
[TestFixture]
[Fast]
public sealed class CostMeterTests
{
    private const long MiB = 1L << 20;

    [Test]
    public void A_cpu_meter_records_the_resident_memory_a_call_adds_and_frees()
    {
        var meter = CostMeter.Start(Device.CPU);
        using (var big = torch.ones([64 * MiB / 4])) Assert.That(big.sum().ToDouble(), Is.EqualTo(16 * MiB));  // 64 MiB written
        var cost = meter.Stop("cpu", "float32");
        Assert.That(cost.PeakMemoryBytes, Is.InRange(60 * MiB, 1024 * MiB), "the 64 MiB tensor, freed before Stop, is in the peak");
    }

    [Test]
    public void Start_without_a_device_is_the_cpu_meter()
    {
        var meter = CostMeter.Start();
        Thread.Sleep(30);
        meter.CountForward(sequences: 3, tokens: 30);
        meter.CountForward(sequences: 2, tokens: 10);
        meter.CountBackward(4);
        var cost = meter.Stop("cpu", "float32");
        Assert.Multiple(() =>
        {
            Assert.That(cost.WallTime, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(30)));
            Assert.That(cost.ForwardPasses, Is.EqualTo(5));
            Assert.That(cost.TokensProcessed, Is.EqualTo(40));
            Assert.That(cost.BackwardPasses, Is.EqualTo(4));
            Assert.That(cost.PeakMemoryBytes, Is.LessThan(32 * MiB), "nothing large was allocated");
        });
    }

    [Test]
    public void An_attribution_on_the_cpu_records_the_cpu_and_a_resident_peak()
    {
        using var model = Gpt2Fixture.Load();
        var cost = new Saliency().Attribute(new AttributionRequest(model, Gpt2Fixture.Context, new AttributionTarget.Token(42))).Cost;
        Assert.Multiple(() =>
        {
            Assert.That(cost.Device, Is.EqualTo("cpu"));
            Assert.That(cost.ForwardPasses, Is.EqualTo(1));
            Assert.That(cost.BackwardPasses, Is.EqualTo(1));
        });
    }
}
