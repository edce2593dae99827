namespace Harness.Scoring.Tests;

/// <summary>NumpyRandomState draws what numpy 1.24's legacy np.random.RandomState draws (values printed by numpy).</summary>
[TestFixture]
[Fast]
public sealed class NumpyRandomStateTests
{
    [Test]
    public void Random_samples_are_numpys()
    {
        var zero = new NumpyRandomState(0);
        Assert.Multiple(() =>
        {
            // np.random.RandomState(0).random_sample(3)
            Assert.That(new[] { zero.RandomSample(), zero.RandomSample(), zero.RandomSample() },
                Is.EqualTo(new[] { 0.5488135039273248, 0.7151893663724195, 0.6027633760716439 }));
            // np.random.RandomState(4294967295).random_sample(): the largest seed numpy takes
            Assert.That(new NumpyRandomState(uint.MaxValue).RandomSample(), Is.EqualTo(0.0976320289940138));
        });
    }

    [Test]
    public void The_state_is_regenerated_after_624_words_as_numpy_does()
    {
        // r = np.random.RandomState(123); 400 random_sample() (800 words) then one more
        var generator = new NumpyRandomState(123);
        for (var i = 0; i < 400; i++) generator.RandomSample();
        Assert.That(generator.RandomSample(), Is.EqualTo(0.45627059904156286));
    }

    [Test]
    public void A_choice_with_probabilities_is_numpys()
    {
        // np.random.RandomState(7).choice([False, True], size=10, p=[0.7, 0.3])
        Assert.That(new NumpyRandomState(7).ChooseKept(10, 0.3).Select(k => k ? 1 : 0), Is.EqualTo(new[] { 0, 1, 0, 1, 1, 0, 0, 0, 0, 0 }));
    }

    [Test]
    public void Permutations_choices_without_replacement_and_randint_are_numpys()
    {
        // np.random.seed(5); np.random.choice(range(10), 4, replace=False); [np.random.randint(3) for _ in range(3)];
        // np.random.randint(1); np.random.choice(10, 10, replace=False)
        var five = NumpyRandomState.Seeded(5);
        Assert.Multiple(() =>
        {
            Assert.That(five.Permutation(10).Take(4), Is.EqualTo(new[] { 9, 5, 2, 4 }));
            Assert.That(new[] { five.RandInt(3), five.RandInt(3), five.RandInt(3) }, Is.EqualTo(new[] { 0, 2, 0 }));
            Assert.That(five.RandInt(1), Is.EqualTo(0), "randint(1) draws nothing");
            Assert.That(five.Permutation(10), Is.EqualTo(new[] { 6, 2, 9, 8, 4, 3, 0, 5, 1, 7 }));
        });
        // np.random.seed(0); np.random.permutation(7); np.random.randint(1000000)
        var zero = NumpyRandomState.Seeded(0);
        Assert.That(zero.Permutation(7), Is.EqualTo(new[] { 6, 2, 1, 3, 0, 5, 4 }));
        Assert.That(zero.RandInt(1000000), Is.EqualTo(610581));
        // np.random.seed(0); np.random.permutation(100000)[:5]
        Assert.That(NumpyRandomState.Seeded(0).Permutation(100000).Take(5), Is.EqualTo(new[] { 3582, 60498, 53227, 21333, 3885 }));
    }
}
