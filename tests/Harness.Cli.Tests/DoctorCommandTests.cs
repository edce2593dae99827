using System.Text.Json;

namespace Harness.Cli.Tests;

/// <summary>`harness doctor` reports the libtorch version, the BLAS loaded, threads and CUDA.</summary>
[TestFixture]
[Fast]
public sealed class DoctorCommandTests
{
    [Test]
    public void The_json_report_names_libtorch_the_blas_and_the_threads()
    {
        var result = CommandResult.Of("doctor", "--json");
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        using var report = JsonDocument.Parse(result.Output);
        var root = report.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("libtorch_version").GetString(), Does.Match(@"^\d+\.\d+"));
            Assert.That(root.GetProperty("blas_libraries").GetArrayLength(), Is.GreaterThan(0), "some BLAS is mapped once a matmul ran");
            Assert.That(root.GetProperty("intra_op_threads").GetInt32(), Is.EqualTo(Environment.ProcessorCount));
            Assert.That(root.GetProperty("cuda_available").ValueKind, Is.AnyOf(JsonValueKind.True, JsonValueKind.False));
        });
    }

    [Test]
    public void The_text_report_has_a_line_per_subject()
    {
        var result = CommandResult.Of("doctor");
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        Assert.That(result.Output, Does.Contain("libtorch").And.Contain("BLAS").And.Contain("threads").And.Contain("CUDA"));
    }
}
