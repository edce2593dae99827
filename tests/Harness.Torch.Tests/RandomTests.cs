using NUnit.Framework;

namespace Harness.Torch.Tests;

/// <summary>Random sampling with a seeded Generator: the same seed gives identical values, another
/// seed different ones, and the samples have the distribution each function promises.</summary>
[TestFixtureSource(typeof(TestDevices), nameof(TestDevices.Available))]
[Fast]
public sealed class RandomTests(Device device)
{
    /// <summary>Draws with a fresh generator seeded with <paramref name="seed"/>.</summary>
    private double[] Draw(ulong seed, Func<Generator, Tensor> sample)
    {
        using var scope = torch.NewDisposeScope();
        using var generator = new Generator(seed, device);
        return sample(generator).Doubles();
    }

    private void AssertSeedDecides(Func<Generator, Tensor> sample)
    {
        var first = Draw(42, sample);
        var again = Draw(42, sample);
        var other = Draw(43, sample);
        Assert.Multiple(() =>
        {
            Assert.That(again, Is.EqualTo(first), "same seed, identical values");
            Assert.That(other, Is.Not.EqualTo(first), "different seed, different values");
        });
    }

    [Test]
    public void Generator_remembers_its_seed_and_device()
    {
        using var generator = new Generator(1234, device);
        Assert.Multiple(() =>
        {
            Assert.That(generator.initial_seed(), Is.EqualTo(1234UL));
            Assert.That(generator.device, Is.EqualTo(device));
        });
    }

    [Test]
    public void Rand_is_decided_by_the_seed() => AssertSeedDecides(g => torch.rand([64], g, device: device));

    [Test]
    public void Randn_is_decided_by_the_seed() => AssertSeedDecides(g => torch.randn([64], g, torch.float64, device));

    [Test]
    public void Randint_is_decided_by_the_seed() => AssertSeedDecides(g => torch.randint(0, 1000, [64], g, device: device));

    [Test]
    public void Randperm_is_decided_by_the_seed() => AssertSeedDecides(g => torch.randperm(64, g, device: device));

    [Test]
    public void Bernoulli_is_decided_by_the_seed() => AssertSeedDecides(g => torch.bernoulli(torch.full([256], 0.5, device: device), g));

    [Test]
    public void Multinomial_is_decided_by_the_seed() =>
        AssertSeedDecides(g => torch.multinomial(torch.ones([100], device: device), 20, generator: g));

    [Test]
    public void Successive_draws_from_one_generator_differ()
    {
        using var scope = torch.NewDisposeScope();
        using var generator = new Generator(5, device);
        var first = torch.rand([16], generator, device: device);
        var second = torch.rand([16], generator, device: device);
        Assert.That(first.equal(second), Is.False);
    }

    [Test]
    public void A_generator_is_not_disturbed_by_draws_from_the_default_generator()
    {
        var alone = Draw(9, g => torch.cat([torch.rand([8], g, device: device), torch.rand([8], g, device: device)]));
        var interleaved = Draw(9, g =>
        {
            var first = torch.rand([8], g, device: device);
            torch.randn([100], device: device); // from the default generator
            return torch.cat([first, torch.rand([8], g, device: device)]);
        });
        Assert.That(interleaved, Is.EqualTo(alone));
    }

    [Test]
    public void Manual_seed_makes_the_default_generator_repeat()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(2024);
        var first = torch.rand([32], device: device).Doubles();
        torch.manual_seed(2024);
        var again = torch.rand([32], device: device).Doubles();
        Assert.That(again, Is.EqualTo(first));
    }

    [Test]
    public void Rand_is_uniform_on_zero_to_one()
    {
        var values = Draw(1, g => torch.rand([20000], g, torch.float64, device));
        Assert.Multiple(() =>
        {
            Assert.That(values, Is.All.GreaterThanOrEqualTo(0.0).And.LessThan(1.0));
            Assert.That(values.Average(), Is.EqualTo(0.5).Within(0.01), "mean 1/2, standard error 0.002");
            Assert.That(values.Count(v => v < 0.25) / 20000.0, Is.EqualTo(0.25).Within(0.02));
        });
    }

    [Test]
    public void Randn_is_standard_normal()
    {
        var values = Draw(2, g => torch.randn([20000], g, torch.float64, device));
        var mean = values.Average();
        var variance = values.Select(v => (v - mean) * (v - mean)).Average();
        Assert.Multiple(() =>
        {
            Assert.That(mean, Is.EqualTo(0).Within(0.03), "standard error 0.007");
            Assert.That(variance, Is.EqualTo(1).Within(0.05));
            Assert.That(values.Count(v => Math.Abs(v) < 1) / 20000.0, Is.EqualTo(0.6827).Within(0.02), "68% within one sigma");
        });
    }

    [Test]
    public void Randint_covers_low_to_high_exclusive()
    {
        var values = Draw(3, g => torch.randint(-2, 3, [2000], g, device: device));
        Assert.That(values.Distinct().Order(), Is.EqualTo(new double[] { -2, -1, 0, 1, 2 }));
    }

    [Test]
    public void Randint_takes_a_dtype()
    {
        using var scope = torch.NewDisposeScope();
        using var generator = new Generator(3, device);
        Assert.That(torch.randint(0, 5, [3], generator, torch.int32, device).dtype, Is.EqualTo(ScalarType.Int32));
    }

    [Test]
    public void Randperm_is_a_permutation()
    {
        var values = Draw(4, g => torch.randperm(50, g, device: device));
        Assert.Multiple(() =>
        {
            Assert.That(values.Order(), Is.EqualTo(Enumerable.Range(0, 50).Select(i => (double)i)));
            Assert.That(values, Is.Not.Ordered, "a seeded shuffle of 50 is not the identity");
        });
    }

    [Test]
    public void Bernoulli_draws_one_with_each_elements_probability()
    {
        var certain = Draw(5, g => torch.bernoulli(torch.tensor(new double[] { 0, 1, 0, 1 }, device: device), g));
        var fair = Draw(6, g => torch.bernoulli(torch.zeros([20000], torch.float64, device), 0.3, g));
        Assert.Multiple(() =>
        {
            Assert.That(certain, Is.EqualTo(new double[] { 0, 1, 0, 1 }));
            Assert.That(fair, Is.All.EqualTo(0.0).Or.EqualTo(1.0));
            Assert.That(fair.Average(), Is.EqualTo(0.3).Within(0.02));
        });
    }

    [Test]
    public void Multinomial_never_draws_a_zero_probability_category_and_without_replacement_never_repeats()
    {
        var withReplacement = Draw(7, g => torch.multinomial(torch.tensor(new double[] { 0, 3, 0, 1 }, device: device), 500, replacement: true, generator: g));
        var withoutReplacement = Draw(8, g => torch.multinomial(torch.ones([10], device: device), 10, generator: g));
        Assert.Multiple(() =>
        {
            Assert.That(withReplacement, Is.All.EqualTo(1.0).Or.EqualTo(3.0));
            Assert.That(withReplacement.Count(v => v == 1) / 500.0, Is.EqualTo(0.75).Within(0.08), "category 1 has 3/4 of the weight");
            Assert.That(withoutReplacement.Order(), Is.EqualTo(Enumerable.Range(0, 10).Select(i => (double)i)));
        });
    }

    [Test]
    public void Multinomial_draws_each_row_of_a_matrix()
    {
        var rows = Draw(9, g => torch.multinomial(torch.tensor(new double[] { 1, 0, 0, 0, 0, 1 }, [2, 3], device), 4, replacement: true, generator: g));
        Assert.That(rows, Is.EqualTo(new double[] { 0, 0, 0, 0, 2, 2, 2, 2 }));
    }
}
