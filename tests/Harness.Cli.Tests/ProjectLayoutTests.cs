using System.Xml.Linq;

namespace Harness.Cli.Tests;

/// <summary>
/// The projects keep the layout of docs/ARCHITECTURE.md: every reference points down the stack, and Attribution and
/// Evaluation meet only in Scoring (issue 25, item 1), so a metric never reaches into an attributor's machinery or the
/// other way round.
/// </summary>
[TestFixture]
[Fast]
public sealed class ProjectLayoutTests
{
    /// <summary>What each src project may reference directly (the diagram's arrows).</summary>
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Harness.Torch"] = [],
        ["Harness.Models"] = ["Harness.Torch"],
        ["Harness.Data"] = ["Harness.Models"],
        ["Harness.Scoring"] = ["Harness.Models", "Harness.Data"],
        ["Harness.Attribution"] = ["Harness.Scoring", "Harness.Models", "Harness.Data"],
        ["Harness.Evaluation"] = ["Harness.Scoring", "Harness.Data"],
        ["Harness.Experiments"] = ["Harness.Attribution", "Harness.Evaluation"],
        ["Harness.Reporting"] = ["Harness.Experiments"],
        ["Harness.Training"] = ["Harness.Data"],
        ["Harness.Cli"] = ["Harness.Torch", "Harness.Models", "Harness.Data", "Harness.Attribution", "Harness.Evaluation", "Harness.Experiments",
            "Harness.Reporting", "Harness.Training"],
    };

    [Test]
    public void Every_src_project_is_in_the_layout()
    {
        var projects = Directory.GetDirectories(RepositoryFolder.Combine("src")).Select(Path.GetFileName).Order().ToList();

        Assert.That(projects, Is.EquivalentTo(Allowed.Keys));
    }

    [Test]
    public void Every_reference_points_down_the_stack()
    {
        var unexpected = Allowed.Keys
            .SelectMany(p => References(p).Where(r => !Allowed[p].Contains(r)).Select(r => $"{p} -> {r}"))
            .ToList();

        Assert.That(unexpected, Is.Empty, "update docs/ARCHITECTURE.md and this table together, or remove the reference");
    }

    [Test]
    public void Attribution_and_evaluation_share_only_scoring()
    {
        var attribution = Closure("Harness.Attribution");
        var evaluation = Closure("Harness.Evaluation");

        Assert.Multiple(() =>
        {
            Assert.That(attribution, Does.Not.Contain("Harness.Evaluation"));
            Assert.That(evaluation, Does.Not.Contain("Harness.Attribution"));
            Assert.That(attribution.Intersect(evaluation), Does.Contain("Harness.Scoring"));
        });
    }

    private static HashSet<string> Closure(string project)
    {
        var seen = new HashSet<string>();
        var pending = new Stack<string>(References(project));
        while (pending.TryPop(out var next))
            if (seen.Add(next))
                foreach (var r in References(next)) pending.Push(r);
        return seen;
    }

    private static IEnumerable<string> References(string project) =>
        XDocument.Load(RepositoryFolder.Combine("src", project, project + ".csproj"))
            .Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')));
}
