using System.Diagnostics;
using Harness.Experiments.Running;
using Harness.Experiments.Schema;
using Harness.Models.Formats;

namespace Harness.Experiments.Tests;

/// <summary>The run's provenance hashes every file of a model folder, and only regular files: a FIFO there would block
/// the hash forever.</summary>
[TestFixture]
[Fast]
public sealed class ProvenanceTests
{
    [Test]
    public void A_fifo_in_the_model_folder_fails_at_once_naming_it_instead_of_hanging()
    {
        using var files = new ExperimentFiles();
        var folder = Path.Combine(files.Folder, "model");
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(FixtureModelFolder.Path)) File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        using (var mkfifo = Process.Start("mkfifo", Path.Combine(folder, "notes.txt"))) mkfifo.WaitForExit();
        var spec = new ModelSpec("tiny", folder, "float32", "cpu", null, null, new SourcePosition("x.yaml", 1, 1));

        var hashing = Task.Run(() => ModelSession.Provenance(spec));

        var finished = Task.WhenAny(hashing, Task.Delay(TimeSpan.FromSeconds(30))).Result == hashing;

        Assert.That(finished, Is.True, "the hash returned instead of blocking on the FIFO");
        Assert.That(hashing.Exception?.InnerException, Is.TypeOf<ModelFormatException>().With.Message.Contains("notes.txt").And.Message.Contains("FIFO"));
    }
}
