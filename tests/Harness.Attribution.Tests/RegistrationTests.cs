using Harness.Attribution;
using Harness.Attribution.Core;
using Harness.Attribution.Methods;
using Harness.Scoring;

namespace Harness.Attribution.Tests;

/// <summary>Registering an attributor of one's own (docs/extending.md): it joins the registry after the built-in ones
/// under a name an experiment can write and no other entry has, and leaves when its registration is disposed.</summary>
[Fast]
public class RegistrationTests
{
    private static AttributorDescriptor Entry(string name) => new(name, null, (_, _) => new RandomBaseline());

    [Test]
    public void A_registered_attributor_is_found_by_name_until_its_registration_is_disposed()
    {
        using (AttributorRegistry.Register(Entry("my_random")))
        {
            Assert.That(AttributorRegistry.Names[^1], Is.EqualTo("my_random"));
            Assert.That(AttributorRegistry.Create("my_random", new Dictionary<string, string>()), Is.TypeOf<RandomBaseline>());
        }

        Assert.That(AttributorRegistry.Names, Is.EqualTo(AttributorRegistry.BuiltIn.Select(e => e.Name)));
        Assert.That(() => AttributorRegistry.Create("my_random"), Throws.InstanceOf<ScoringException>().With.Message.Contains("unknown attributor 'my_random'"));
    }

    [Test]
    public void A_name_already_taken_or_not_writable_in_a_yaml_is_refused()
    {
        using var mine = AttributorRegistry.Register(Entry("mine"));

        Assert.That(() => AttributorRegistry.Register(Entry("saliency")), Throws.ArgumentException.With.Message.StartsWith("there is already an attributor called 'saliency'"));
        Assert.That(() => AttributorRegistry.Register(Entry("mine")), Throws.ArgumentException.With.Message.StartsWith("there is already an attributor called 'mine'"));
        foreach (var bad in new[] { "First-Token", "", "2nd", "first token", "first/token" })
            Assert.That(() => AttributorRegistry.Register(Entry(bad)), Throws.ArgumentException.With.Message.Contains("expected lower-case letters, digits and underscores"), bad);
    }
}
