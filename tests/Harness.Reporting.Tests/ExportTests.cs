using Harness.Evaluation.Core;
using Harness.Reporting.Export;
using Harness.Reporting.Results;
using Microsoft.Data.Analysis;
using Parquet.Schema;
using Parquet.Serialization;

namespace Harness.Reporting.Tests;

/// <summary>The Parquet export (read back with Parquet.Net, whose untyped reader gives strings as ReadOnlyMemory&lt;char&gt;
/// and leaves null columns out of a row) and the DataFrame loader, on the fixed store with one flagged cell.</summary>
[Fast]
public sealed class ExportTests
{
    /// <summary>How Parquet.Net 6 reads a string (BYTE_ARRAY, logical type STRING) column back.</summary>
    private static readonly Type StringColumn = typeof(ReadOnlyMemory<char>);

    private TemporaryFolder folder = null!;
    private string runFolder = null!;
    private RunResults run = null!;

    [OneTimeSetUp]
    public void CreateRun()
    {
        folder = new TemporaryFolder();
        runFolder = FixtureRun.Create(folder.Combine("run"),
            (model, attributor, metric, v) => (model, attributor, metric) == ("llama", "saliency", "lds") ? double.NaN : v);
        run = RunResults.Load(runFolder);
    }

    [OneTimeTearDown]
    public void DeleteRun() => folder.Dispose();

    [Test]
    public void The_metric_file_has_typed_columns_and_one_row_per_metric_value_and_part()
    {
        var path = folder.Combine("typed.parquet");
        var (metricRows, _) = ParquetExport.Write(run, path);

        var file = Read(path);
        var fields = file.Schema.Fields.ToDictionary(f => f.Name);

        Assert.Multiple(() =>
        {
            Assert.That(fields.Keys, Is.EqualTo(new[]
            {
                "run_id", "cell_id", "model", "dataset", "attributor", "method", "seed", "example_id", "step", "metric", "metric_name", "part", "value", "flags",
            }));
            Assert.That(FieldType(fields["seed"]), Is.EqualTo((typeof(ulong), false)));
            Assert.That(FieldType(fields["step"]), Is.EqualTo((typeof(int), false)));
            Assert.That(FieldType(fields["value"]), Is.EqualTo((typeof(double), true)), "null where flagged");
            Assert.That(FieldType(fields["part"]), Is.EqualTo((StringColumn, true)), "null on the metric's own value");
            Assert.That(fields["flags"], Is.InstanceOf<ListField>());
            Assert.That(file.Data, Has.Count.EqualTo(metricRows).And.Count.EqualTo(run.Metrics.Sum(m => 1 + m.Parts.Count)));
        });
    }

    [Test]
    public void Metric_rows_carry_the_stored_value_and_parts_and_null_for_a_flagged_value()
    {
        var path = folder.Combine("values.parquet");
        ParquetExport.Write(run, path);
        var rows = Read(path).Data;
        var reagent = run.Cells.Single(c => c.Model == "gpt2" && c.Attributor == "reagent");
        var stored = run.Metrics.Single(m => m.CellId == reagent.CellId && m.ExampleId == "e3" && m.Step == 2 && m.Label == "top_k_drop");
        var value = rows.Single(r => Matches(r, reagent.CellId, "e3", 2, "top_k_drop") && r.GetValueOrDefault("part") is null);
        var part = rows.Single(r => Matches(r, reagent.CellId, "e3", 2, "top_k_drop") && Text(r.GetValueOrDefault("part")) == "k=3");
        var flagged = rows.Where(r => Text(r["model"]) == "llama" && Text(r["attributor"]) == "saliency" && Text(r["metric"]) == "lds" && r.GetValueOrDefault("part") is null).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(value["value"], Is.EqualTo(stored.Value));
            Assert.That(part["value"], Is.EqualTo(stored.Parts[PartKey.Parse("k=3")]));
            Assert.That((Text(value["method"]), value["seed"], Text(value["dataset"])), Is.EqualTo(("reagent", 0UL, FixtureRun.Dataset)));
            Assert.That(Text(value["run_id"]), Is.EqualTo(run.Provenance["run_id"]).And.Not.Empty);
            Assert.That(flagged, Has.Count.EqualTo(FixtureRun.Examples * FixtureRun.Steps.Length));
            Assert.That(flagged.Select(r => r.GetValueOrDefault("value")), Has.All.Null, "the untyped reader leaves nulls out");
        });
    }

    [Test]
    public void The_attributions_file_beside_it_holds_each_attributions_tokens_and_scores()
    {
        var path = folder.Combine("quick.parquet");
        var (_, attributionRows) = ParquetExport.Write(run, path);

        var file = Read(folder.Combine("quick.attributions.parquet"));
        var fields = file.Schema.Fields.ToDictionary(f => f.Name);
        var stored = run.Attributions.First(a => a.ExampleId == "e1" && a.Step == 2);
        var row = file.Data.Single(r => Text(r["cell_id"]) == stored.CellId && Text(r["example_id"]) == "e1" && (int)r["step"]! == 2);

        Assert.Multiple(() =>
        {
            Assert.That(attributionRows, Is.EqualTo(run.Attributions.Count).And.EqualTo(file.Data.Count));
            Assert.That(((ListField)fields["tokens"]).Item, Is.InstanceOf<DataField>().With.Property("ClrType").EqualTo(StringColumn));
            Assert.That(((ListField)fields["scores"]).Item, Is.InstanceOf<DataField>().With.Property("ClrType").EqualTo(typeof(float)));
            Assert.That(List<float>(row["scores"]), Is.EqualTo(stored.Scores));
            // The fixture's model folders are gone, so tokens read "#id" (TokenText): region ids 10 + i + example.
            Assert.That(List<object>(row["tokens"]).Select(Text), Is.EqualTo(Enumerable.Range(0, FixtureRun.ContextLength + 2).Select(i => $"#{11 + i}")));
            Assert.That(row["forward_passes"], Is.EqualTo(stored.ForwardPasses));
        });
    }

    [Test]
    public void A_metric_file_without_an_extension_still_gets_its_attributions_beside_it()
    {
        Assert.That(ParquetExport.AttributionsPath(Path.Combine("out", "quickstart")), Is.EqualTo(Path.GetFullPath(Path.Combine("out", "quickstart.attributions.parquet"))));
    }

    [Test]
    public void The_metric_DataFrame_has_the_Parquet_columns_and_groups_as_the_tables_average()
    {
        var frame = RunFrames.MetricValues(runFolder);
        var values = (PrimitiveDataFrameColumn<bool>)frame["metric"].ElementwiseEquals("soft_ns").And(frame["part"].ElementwiseIsNull());
        var softNs = frame.Filter(values);
        var means = softNs.GroupBy("attributor").Mean("value");
        var reagent = Enumerable.Range(0, (int)means.Rows.Count).Single(r => (string)means["attributor"][r] == "reagent");
        var expected = run.Metrics.Where(m => m.Label == "soft_ns" && run.Cells.Single(c => c.CellId == m.CellId).Attributor == "reagent").Average(m => m.Value);

        Assert.Multiple(() =>
        {
            Assert.That(frame.Columns.Select(c => c.Name), Is.EqualTo(new[]
            {
                "run_id", "cell_id", "model", "dataset", "attributor", "method", "seed", "example_id", "step", "metric", "metric_name", "part", "value", "flags",
            }));
            Assert.That(frame.Rows.Count, Is.EqualTo(RunRows.MetricValues(run).Count));
            Assert.That(frame["value"], Is.InstanceOf<DoubleDataFrameColumn>());
            Assert.That(frame["value"].NullCount, Is.EqualTo(FixtureRun.Examples * FixtureRun.Steps.Length), "the flagged lds values");
            Assert.That((double)means["value"][reagent], Is.EqualTo(expected).Within(1e-12));
        });
    }

    [Test]
    public void The_score_DataFrame_has_one_row_per_attribution_and_source()
    {
        var scores = RunFrames.Scores(run);
        var attributions = RunFrames.Attributions(run);

        Assert.Multiple(() =>
        {
            Assert.That(scores.Rows.Count, Is.EqualTo(run.Attributions.Sum(a => a.Scores.Length)));
            Assert.That(scores.Columns.Select(c => c.Name).TakeLast(3), Is.EqualTo(new[] { "source", "token", "score" }));
            Assert.That((float)scores["score"][0], Is.EqualTo(run.Attributions[0].Scores[0]));
            Assert.That(attributions.Rows.Count, Is.EqualTo(run.Attributions.Count));
            Assert.That((long)attributions["forward_passes"][0], Is.EqualTo(run.Attributions[0].ForwardPasses));
        });
    }

    private static DeserializationResult<Dictionary<string, object>> Read(string path)
    {
        using var stream = File.OpenRead(path);
        return ParquetSerializer.DeserializeUntypedAsync(stream).GetAwaiter().GetResult();
    }

    private static (Type, bool) FieldType(Field field) => ((DataField)field) is var data ? (data.ClrType, data.IsNullable) : default;

    private static string? Text(object? value) => value?.ToString();

    private static IEnumerable<T> List<T>(object? value) => ((System.Collections.IEnumerable)value!).Cast<T>();

    private static bool Matches(Dictionary<string, object> row, string cell, string example, int step, string metric) =>
        Text(row["cell_id"]) == cell && Text(row["example_id"]) == example && (int)row["step"]! == step && Text(row["metric"]) == metric;
}
