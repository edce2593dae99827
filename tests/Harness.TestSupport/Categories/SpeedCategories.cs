using System.Reflection;
using NUnit.Framework;

namespace Harness.TestSupport;

/// <summary>
/// The test categories (`dotnet test --filter TestCategory=fast`; `./run-all.sh test --fast`). Every fixture carries
/// exactly one speed category, <see cref="FastAttribute"/> or <see cref="SoakAttribute"/>; the tool categories
/// (<see cref="NeedsChromiumAttribute"/>, <see cref="NeedsGpuAttribute"/>) are added beside it and skip, with the
/// reason, where the tool is absent.
/// </summary>
public static class SpeedCategories
{
    public const string Fast = "fast";
    public const string Soak = "soak";
    public const string NeedsChromium = "needs-chromium";
    public const string NeedsGpu = "needs-gpu";

    /// <summary>The fixtures of <paramref name="assembly"/> (classes declaring or inheriting tests) whose speed
    /// category is missing or doubled, named as "Type: categories".</summary>
    public static IReadOnlyList<string> Violations(Assembly assembly) =>
    [
        .. from type in assembly.GetTypes()
           where type is { IsClass: true, IsAbstract: false } && DeclaresTests(type)
           let speeds = type.GetCustomAttributes<CategoryAttribute>(inherit: true)
               .Select(c => c.Name).Where(n => n is Fast or Soak).Distinct().ToArray()
           where speeds.Length != 1
           select $"{type.FullName}: [{string.Join(", ", speeds)}]",
    ];

    private static bool DeclaresTests(Type type) =>
        type.GetMethods(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public)
            .Any(m => m.IsDefined(typeof(TestAttribute), true) || m.IsDefined(typeof(TestCaseAttribute), true)
                      || m.IsDefined(typeof(TestCaseSourceAttribute), true) || m.IsDefined(typeof(TheoryAttribute), true));
}

/// <summary>Seconds or less; the default of `./run-all.sh test --fast`.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = true)]
public sealed class FastAttribute() : CategoryAttribute(SpeedCategories.Fast);

/// <summary>Whole runs, many cells or many random cases: minutes in all; left out of `--fast`.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = true)]
public sealed class SoakAttribute() : CategoryAttribute(SpeedCategories.Soak);

/// <summary>Derive one fixture per test project from this: it fails naming each fixture of that project whose
/// speed category is missing or doubled.</summary>
public abstract class SpeedCategoryCheck
{
    [Test]
    public void Every_fixture_is_either_fast_or_soak() => Assert.That(SpeedCategories.Violations(GetType().Assembly), Is.Empty);
}
