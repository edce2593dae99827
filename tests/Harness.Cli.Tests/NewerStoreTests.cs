using Harness.Experiments.Store;
using Microsoft.Data.Sqlite;

namespace Harness.Cli.Tests;

/// <summary>A store a newer harness wrote (schema version above StoreSchema.Latest) is refused by the commands that write
/// it and by those that read it, in one line naming the file, and is left as it was.</summary>
[TestFixture]
[Fast]
public sealed class NewerStoreTests
{
    [Test]
    public void Merge_and_export_refuse_a_newer_store_in_one_line_naming_it()
    {
        using var files = new ExperimentFiles();
        using (ResultStore.Open(files.Folder)) { }
        var path = Path.Combine(files.Folder, ResultStore.FileName);
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA user_version = {StoreSchema.Latest + 1}";
            command.ExecuteNonQuery();
        }

        var before = File.ReadAllBytes(path);
        var merge = CommandResult.Of("merge", files.Folder);
        var export = CommandResult.Of("export", files.Folder);

        var refusal = $"{path} has result store schema version {StoreSchema.Latest + 1}, newer than this harness knows ({StoreSchema.Latest})";
        Assert.Multiple(() =>
        {
            Assert.That(merge.ExitCode, Is.EqualTo(1));
            Assert.That(export.ExitCode, Is.Not.Zero);
            foreach (var result in new[] { merge, export })
                Assert.That(result.Error.Trim(), Does.StartWith($"error: {refusal}").And.Not.Contain("\n"));
            Assert.That(File.ReadAllBytes(path), Is.EqualTo(before));
        });
    }
}
