using System.Text.Json;
using Harness.Evaluation.Core;
using Harness.Experiments.Store;
using Microsoft.Data.Sqlite;

namespace Harness.Experiments.Tests;

/// <summary>
/// Part keys and flags are typed with one string form each: every form round-trips, every form the committed baseline
/// store holds parses and formats back to the same text, and malformed forms are refused (so stores and exports stay
/// byte-identical to what the string keys wrote).
/// </summary>
[TestFixture]
[Fast]
public sealed class StoredKeyFormsTests
{
    [TestCase("s0", "s0", null, null)]
    [TestCase("k=3", "k", 3.0, null)]
    [TestCase("pi=0.1", "pi", 0.1, null)]
    [TestCase("ss pi=0.25", "pi", 0.25, "ss")]
    [TestCase("f1 k=2", "k", 2.0, "f1")]
    [TestCase("em oracle", "oracle", null, "em")]
    [TestCase("normalized_k=50", "normalized_k", 50.0, null)]
    public void A_part_key_parses_into_its_pieces_and_formats_back(string stored, string name, double? at, string? measure)
    {
        var key = PartKey.Parse(stored);

        Assert.Multiple(() =>
        {
            Assert.That(key, Is.EqualTo(new PartKey(name, at, measure)));
            Assert.That(key.Format(), Is.EqualTo(stored));
            Assert.That(key.ToString(), Is.EqualTo(stored));
        });
    }

    [Test]
    public void A_point_prints_with_up_to_four_decimals_as_the_metrics_always_stored_it()
    {
        Assert.Multiple(() =>
        {
            Assert.That(new PartKey("pi", 0.1 + 0.2).Format(), Is.EqualTo("pi=0.3"));
            Assert.That(new PartKey("pi", 0.12345).Format(), Is.EqualTo("pi=0.1235"));
            Assert.That(new PartKey("k", 100).Format(), Is.EqualTo("k=100"));
        });
    }

    [TestCase("")]
    [TestCase("a b c")]
    [TestCase(" s0")]
    [TestCase("k=")]
    [TestCase("k=x")]
    [TestCase("=3")]
    [TestCase("k=1=2")]
    public void A_malformed_part_key_is_refused_naming_it(string text) =>
        Assert.That(() => PartKey.Parse(text), Throws.TypeOf<FormatException>().With.Message.Contains($"'{text}'"));

    [Test]
    public void Parts_serialise_as_the_json_object_the_store_always_held()
    {
        var parts = new Dictionary<PartKey, double> { [new("k", 1)] = 0.5, [new("pi", 0.1, "ss")] = double.NaN, [new("q_y")] = 1 };
        var options = new JsonSerializerOptions { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

        var json = JsonSerializer.Serialize(parts, options);

        Assert.Multiple(() =>
        {
            Assert.That(json, Is.EqualTo("""{"k=1":0.5,"ss pi=0.1":"NaN","q_y":1}"""));
            Assert.That(JsonSerializer.Deserialize<Dictionary<PartKey, double>>(json, options), Is.EquivalentTo(parts));
        });
    }

    [Test]
    public void Flags_store_joined_by_commas_in_order_and_read_back()
    {
        IReadOnlyList<MetricFlag> flags = [new("metric_error"), new("lds needs 2 sources; the example has 1")];

        var stored = MetricFlag.Format(flags);

        Assert.Multiple(() =>
        {
            Assert.That(stored, Is.EqualTo("metric_error,lds needs 2 sources; the example has 1"));
            Assert.That(MetricFlag.ParseAll(stored), Is.EqualTo(flags));
            Assert.That(MetricFlag.ParseAll(""), Is.Empty);
            Assert.That(MetricFlag.Format([]), Is.EqualTo(""));
            Assert.That(() => new MetricFlag("a,b"), Throws.ArgumentException.With.Message.Contains("'a,b'"));
        });
    }

    [Test]
    public void Every_part_key_and_flag_of_the_committed_baseline_parses_and_formats_back_to_its_stored_text()
    {
        var folder = RepositoryFolder.Combine("results", "baseline");
        var stored = new List<(string Parts, string Flags)>();
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(folder, ResultStore.FileName)};Mode=ReadOnly;Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT parts_json, flags FROM metric_values ORDER BY cell_id, example_id, step, metric";
            using var reader = command.ExecuteReader();
            while (reader.Read()) stored.Add((reader.GetString(0), reader.GetString(1)));
        }

        using var store = ResultStore.OpenReadOnly(folder);
        var typed = store.MetricValues();

        Assert.That(typed, Has.Count.EqualTo(stored.Count).And.Count.GreaterThan(0));
        Assert.Multiple(() =>
        {
            for (var i = 0; i < stored.Count; i++)
            {
                var keys = JsonDocument.Parse(stored[i].Parts).RootElement.EnumerateObject().Select(p => p.Name).ToList();
                Assert.That(typed[i].Parts.Keys.Select(k => k.Format()), Is.EqualTo(keys), stored[i].Parts);
                Assert.That(MetricFlag.Format(typed[i].Flags), Is.EqualTo(stored[i].Flags));
            }
        });
    }
}
